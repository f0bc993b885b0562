package dev.abr.media;

import static org.bytedeco.ffmpeg.avformat.AVFormatContext.AVFMT_FLAG_CUSTOM_IO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_SCORE_RETRY;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format3;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.core.source.SourceAudio;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.source.SourceVideo;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.core.time.Ticks;
import dev.abr.core.time.Timescales;
import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An opened media source: probed, checked against the allow-lists and {@link ProbeLimits}, with one
 * video and one audio stream selected. Reads compressed packets of those streams in file order. Not
 * thread-safe; close it when done.
 *
 * <p>Three kinds: a local file ({@link #openFile}), a live byte stream such as the FLV of an RTMP
 * publish ({@link #openStream}) and a live network source: SRT, UDP, RTP or RTSP ({@link
 * #openNetwork}). Packet timestamps of containers whose timestamps wrap (MPEG-TS 33 bits, FLV and
 * RTP 32 bits) are unrolled to 64 bits, and a jump that is not a wrap is reported as a {@link
 * SourcePacket#discontinuity()}: see {@link TimestampUnroller}.
 */
public final class MediaSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaSource.class);

  /** Demuxers {@link #openStream} takes: they read one byte stream and open nothing else. */
  static final Set<String> STREAM_FORMATS = Set.of("flv", "mpegts");

  /** Demuxers a VOD file may use. Playlists (hls, concat) and devices are never opened. */
  static final String FORMAT_ALLOW_LIST = "mov,matroska,mpegts,flv,avi,mxf,wav,mp3,aac,flac,ogg";

  private static final Set<String> VIDEO_CODECS =
      Set.of(
          "h264",
          "hevc",
          "mpeg2video",
          "mpeg1video",
          "mpeg4",
          "vp8",
          "vp9",
          "av1",
          "prores",
          "dnxhd",
          "mjpeg");
  private static final Set<String> AUDIO_CODECS =
      Set.of("aac", "mp3", "mp2", "mp1", "ac3", "eac3", "opus", "vorbis", "flac", "alac", "dts");
  private static final String SUPPORTED_CONTAINERS =
      "MP4/MOV, Matroska/WebM, MPEG-TS, FLV, AVI, MXF, WAV, MP3, AAC, FLAC, Ogg";
  private static final int OPEN_TIMEOUT_SECONDS = 60;

  /** How much of a file {@link #refusedFormat} shows FFmpeg's probes. */
  private static final int PROBE_BYTES = 64 * 1024;

  /** The bytes EF BB BF read as ISO-8859-1, as {@link #checkFile} reads a file's first bytes. */
  private static final String UTF_8_BYTE_ORDER_MARK = "\u00EF\u00BB\u00BF";

  private final String name;
  private final AVFormatContext context;
  private final InterruptDeadline deadline;
  private final SourceInfo info;
  private final int videoIndex;
  private final int audioIndex;
  private final Reading reading;
  private final AVPacket readPacket = av_packet_alloc();
  private @Nullable TimestampUnroller videoUnroller;
  private @Nullable TimestampUnroller audioUnroller;
  private long lastVideoDts = Long.MIN_VALUE;
  private long untimedVideoPackets;
  private boolean emitted;
  private long lastEmittedDtsTicks;
  private boolean closed;

  /**
   * How packets are read.
   *
   * @param live a live source: transport failures and silence are {@code SOURCE_UNAVAILABLE}
   * @param readTimeout longest wait for one packet
   * @param maxTimestampStep largest forward step that is not a discontinuity (90 kHz)
   * @param streamInput the custom I/O of {@link #openStream}, closed with the source
   */
  private record Reading(
      boolean live,
      Duration readTimeout,
      MediaTime maxTimestampStep,
      @Nullable InputStreamAvio streamInput) {
    static Reading file() {
      return new Reading(
          false,
          Duration.ofSeconds(OPEN_TIMEOUT_SECONDS),
          LiveOptions.DEFAULT.maxTimestampStep(),
          null);
    }

    static Reading live(LiveOptions options, @Nullable InputStreamAvio streamInput) {
      return new Reading(true, options.readTimeout(), options.maxTimestampStep(), streamInput);
    }
  }

  private MediaSource(
      String name,
      AVFormatContext context,
      InterruptDeadline deadline,
      SourceInfo info,
      int videoIndex,
      int audioIndex,
      Reading reading) {
    this.name = name;
    this.context = context;
    this.deadline = deadline;
    this.info = info;
    this.videoIndex = videoIndex;
    this.audioIndex = audioIndex;
    this.reading = reading;
  }

  /**
   * Opens and probes a local file. Playlists are recognised by content, whatever the file's
   * extension, and never opened.
   *
   * @throws PipelineException with a one-line message naming the file and the reason, coded {@code
   *     INPUT_UNREADABLE} (missing, empty or unreadable, or an MP4/MOV truncated before its index),
   *     {@code INPUT_UNSUPPORTED_FORMAT} (a playlist, not media, or a container off the
   *     allow-list), {@code INPUT_UNSUPPORTED_CODEC}, {@code INPUT_OVER_LIMITS} (streams, duration,
   *     picture size or audio channels over {@code limits}) or {@code INPUT_TIMESTAMPS_INVALID} (no
   *     usable frame rate)
   */
  public static MediaSource openFile(Path file, ProbeLimits limits) {
    Av.init();
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    checkFile(file, name);
    AVFormatContext context = avformat_alloc_context();
    InterruptDeadline deadline = new InterruptDeadline();
    context.interrupt_callback(deadline.callback());
    AVDictionary options = new AVDictionary(null);
    av_dict_set(options, "protocol_whitelist", "file", 0);
    av_dict_set(options, "format_whitelist", FORMAT_ALLOW_LIST, 0);
    deadline.extend(Duration.ofSeconds(OPEN_TIMEOUT_SECONDS));
    String url = "file:" + file.toAbsolutePath();
    int ret = avformat_open_input(context, url, null, options);
    av_dict_free(options);
    if (ret < 0) {
      // avformat_open_input frees the context on failure.
      deadline.close();
      throw openFailure(file, name, ret);
    }
    try {
      ret = avformat_find_stream_info(context, (org.bytedeco.javacpp.PointerPointer<?>) null);
      if (ret < 0) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            name + ": cannot read stream information (" + Av.errorText(ret) + ")");
      }
      return probe(name, context, deadline, limits, Reading.file());
    } catch (RuntimeException e) {
      avformat_close_input(context);
      deadline.close();
      throw e;
    }
  }

  /**
   * Opens a live byte stream, such as the FLV stream of an RTMP publish or MPEG-TS read from a
   * socket, with the demuxer {@code formatName} (forced, never probed). Probing reads at most
   * {@code options.probeSizeBytes()} or {@code options.analyzeDuration()} of media, and waits at
   * most {@code options.openTimeout()}; each {@link #next()} then waits at most {@code
   * options.readTimeout()} for bytes. {@code in} is read on a thread of its own (see {@link
   * InputStreamAvio}); the source owns it from now on and closes it when closed or when opening
   * fails. An FLV stream whose header announces audio and video but that carries only one of them
   * opens once {@code analyzeDuration} of it has been read.
   *
   * @param in the bytes, from the first (the FLV header, a TS packet boundary)
   * @param formatName {@code flv} or {@code mpegts}
   * @param name what messages call the stream (a public stream id, never a key)
   * @throws IllegalArgumentException if {@code formatName} is not one of those
   * @throws PipelineException {@code SOURCE_UNAVAILABLE} when the stream stalls, fails or ends
   *     before its streams are known; {@code INPUT_UNREADABLE}, {@code INPUT_UNSUPPORTED_CODEC},
   *     {@code INPUT_OVER_LIMITS} or {@code INPUT_TIMESTAMPS_INVALID} as for {@link #openFile}
   */
  public static MediaSource openStream(
      InputStream in, String formatName, String name, LiveOptions options) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(options, "options");
    if (!STREAM_FORMATS.contains(formatName)) {
      closeQuietly(in);
      throw new IllegalArgumentException(
          "stream format must be one of " + sorted(STREAM_FORMATS) + ": " + formatName);
    }
    Av.init();
    AVInputFormat format = av_find_input_format(formatName);
    AVFormatContext context = avformat_alloc_context();
    InterruptDeadline deadline = new InterruptDeadline();
    context.interrupt_callback(deadline.callback());
    InputStreamAvio io;
    try {
      io = new InputStreamAvio(in, deadline, "abr-stream-" + name);
    } catch (RuntimeException | Error e) {
      avformat_free_context(context);
      deadline.close();
      closeQuietly(in);
      throw e;
    }
    context.pb(io.context());
    context.flags(context.flags() | AVFMT_FLAG_CUSTOM_IO);
    applyProbeSettings(context, options);
    deadline.extend(options.openTimeout());
    int ret = avformat_open_input(context, "", format, null);
    if (ret < 0) {
      // avformat_open_input frees the context on failure; the custom I/O stays ours.
      PipelineException failure = liveFailure(name, ret, deadline, io, options.openTimeout());
      io.close();
      deadline.close();
      throw failure;
    }
    try {
      findStreamInfo(name, context, deadline, io, options.openTimeout());
      MediaSource source =
          probe(name, context, deadline, options.limits(), Reading.live(options, io));
      LOG.info("opened live stream {} ({})", name, describe(source.info));
      return source;
    } catch (RuntimeException e) {
      avformat_close_input(context);
      io.close();
      deadline.close();
      throw e;
    }
  }

  /**
   * Opens a live network source and probes it: {@code srt://} (caller or listener, MPEG-TS), {@code
   * udp://} (unicast or multicast MPEG-TS), {@code rtp://} (MPEG-TS in RTP) or {@code rtsp://}
   * (TCP-interleaved or UDP transport, from {@code options.rtspTransport()}). Each scheme gets its
   * own protocol allow-list and FFmpeg timeout options (see {@link LiveUrl}), and an interrupt
   * deadline bounds every blocking call as well: opening and probing take at most {@code
   * options.openTimeout()}, each {@link #next()} at most {@code options.readTimeout()}.
   *
   * <p>Secrets in {@code uri} (RTSP user info, the SRT passphrase and stream id) never appear in
   * messages or logs: {@link #name()} is {@code uri} with them masked.
   *
   * @throws PipelineException {@code SOURCE_UNAVAILABLE} (retriable: reconnect) when the source
   *     cannot be reached, refuses us, or sends nothing usable within the open timeout; {@code
   *     INPUT_UNSUPPORTED_FORMAT} for a scheme or query option this pipeline does not take; the
   *     input codes of {@link #openFile} for what the source carries
   */
  public static MediaSource openNetwork(URI uri, LiveOptions options) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(options, "options");
    LiveUrl url = LiveUrl.of(uri, options);
    String name = url.redacted();
    Av.init();
    AVInputFormat format = av_find_input_format(url.formatName());
    AVFormatContext context = avformat_alloc_context();
    InterruptDeadline deadline = new InterruptDeadline();
    context.interrupt_callback(deadline.callback());
    applyProbeSettings(context, options);
    AVDictionary dictionary = new AVDictionary(null);
    av_dict_set(dictionary, "protocol_whitelist", url.protocols(), 0);
    url.options().forEach((key, value) -> av_dict_set(dictionary, key, value, 0));
    deadline.extend(options.openTimeout());
    int ret = avformat_open_input(context, url.url(), format, dictionary);
    List<String> unused = keys(dictionary);
    av_dict_free(dictionary);
    if (ret < 0) {
      PipelineException failure = liveFailure(name, ret, deadline, null, options.openTimeout());
      deadline.close();
      throw failure;
    }
    if (!unused.isEmpty()) {
      // An option FFmpeg did not take: a timeout that does not apply is worth knowing about.
      LOG.debug("{}: FFmpeg did not use the options {}", name, unused);
    }
    try {
      findStreamInfo(name, context, deadline, null, options.openTimeout());
      MediaSource source =
          probe(name, context, deadline, options.limits(), Reading.live(options, null));
      LOG.info("opened live source {} ({})", name, describe(source.info));
      return source;
    } catch (RuntimeException e) {
      avformat_close_input(context);
      deadline.close();
      throw e;
    }
  }

  private static void applyProbeSettings(AVFormatContext context, LiveOptions options) {
    context.probesize(options.probeSizeBytes());
    context.max_analyze_duration(
        options.analyzeDuration().ticksAt(1_000_000, RoundingMode.CEILING));
  }

  private static void findStreamInfo(
      String name,
      AVFormatContext context,
      InterruptDeadline deadline,
      @Nullable InputStreamAvio io,
      Duration openTimeout) {
    int ret = avformat_find_stream_info(context, (org.bytedeco.javacpp.PointerPointer<?>) null);
    if (ret < 0 || deadline.expired() || (io != null && (io.stalled() || io.failure() != null))) {
      if (deadline.expired()
          || ret == AVERROR_EOF
          || (io != null && (io.stalled() || io.failure() != null || io.interrupted()))) {
        throw liveFailure(name, ret, deadline, io, openTimeout);
      }
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          name + ": cannot read stream information (" + Av.errorText(ret) + ")");
    }
  }

  /**
   * The failure of a live source whose open or read returned {@code ret}: why, as far as the
   * deadline and the stream input can tell, coded {@code SOURCE_UNAVAILABLE} unless the data itself
   * is invalid.
   */
  private static PipelineException liveFailure(
      String name,
      int ret,
      InterruptDeadline deadline,
      @Nullable InputStreamAvio io,
      Duration timeout) {
    if (deadline.interruptedThread() || (io != null && io.interrupted())) {
      return new PipelineException(
          ErrorCode.SOURCE_UNAVAILABLE, name + ": reading was interrupted");
    }
    if (deadline.expired() || (io != null && io.stalled())) {
      return new PipelineException(
          ErrorCode.SOURCE_UNAVAILABLE,
          name
              + ": nothing received for "
              + timeout.toMillis()
              + " ms (the source is silent, unreachable or refused us)");
    }
    IOException failure = io == null ? null : io.failure();
    if (failure != null) {
      return new PipelineException(
          ErrorCode.SOURCE_UNAVAILABLE,
          name + ": the stream failed (" + failure.getMessage() + ")",
          failure);
    }
    if (ret == AVERROR_EOF) {
      return new PipelineException(
          ErrorCode.SOURCE_UNAVAILABLE, name + ": the stream ended before its media started");
    }
    if (ret == AVERROR_INVALIDDATA) {
      return new PipelineException(
          ErrorCode.INPUT_UNREADABLE, name + ": invalid data (" + Av.errorText(ret) + ")");
    }
    return new PipelineException(
        ErrorCode.SOURCE_UNAVAILABLE,
        name + ": the connection failed or was closed (" + Av.errorText(ret) + ")");
  }

  private static List<String> keys(AVDictionary dictionary) {
    List<String> keys = new ArrayList<>();
    if (dictionary.isNull() || av_dict_count(dictionary) == 0) {
      return keys;
    }
    AVDictionaryEntry entry = null;
    while ((entry = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX)) != null
        && !entry.isNull()) {
      keys.add(entry.key().getString());
    }
    return keys;
  }

  private static String describe(SourceInfo info) {
    return info.container()
        + info.video()
            .map(v -> ", video " + v.codec() + " " + v.width() + "x" + v.height())
            .orElse("")
        + info.audio().map(a -> ", audio " + a.codec() + " " + a.sampleRate() + " Hz").orElse("");
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Nothing to add: the caller gets the argument error.
    }
  }

  /**
   * Explains why FFmpeg could not open {@code file}: its own error text says little ("Invalid data
   * found when processing input" for a truncated MP4, "Invalid argument" for a format the
   * allow-list refuses).
   */
  private static PipelineException openFailure(Path file, String name, int ret) {
    Optional<String> missingMovie;
    try {
      missingMovie = TopLevelBoxes.missingMovieReason(file);
    } catch (IOException e) {
      missingMovie = Optional.empty();
    }
    if (missingMovie.isPresent()) {
      return new PipelineException(ErrorCode.INPUT_UNREADABLE, name + ": " + missingMovie.get());
    }
    Optional<String> refused = refusedFormat(file);
    if (refused.isPresent()) {
      return new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT,
          name
              + ": looks like "
              + refused.get()
              + ", which this pipeline does not read; supported containers: "
              + SUPPORTED_CONTAINERS);
    }
    return new PipelineException(
        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
        name
            + ": not a media file this pipeline reads ("
            + Av.errorText(ret)
            + "); supported containers: "
            + SUPPORTED_CONTAINERS);
  }

  /**
   * The format FFmpeg detects from the first bytes of {@code file}, as "long name (name)", when it
   * is confident and the format is not on {@link #FORMAT_ALLOW_LIST}; empty otherwise. Probing
   * looks at bytes in memory only: it opens nothing the file names.
   */
  private static Optional<String> refusedFormat(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(PROBE_BYTES);
    } catch (IOException e) {
      return Optional.empty();
    }
    try (BytePointer buffer = new BytePointer((long) head.length + AVPROBE_PADDING_SIZE);
        BytePointer noFileName = new BytePointer("");
        IntPointer score = new IntPointer(1);
        AVProbeData probe = new AVProbeData()) {
      buffer.zero();
      buffer.put(head, 0, head.length);
      probe.buf(buffer).buf_size(head.length).filename(noFileName);
      AVInputFormat format = av_probe_input_format3(probe, 1, score);
      if (format == null || score.get() <= AVPROBE_SCORE_RETRY) {
        return Optional.empty();
      }
      String names = format.name().getString();
      Set<String> allowed = Set.of(FORMAT_ALLOW_LIST.split(","));
      if (Arrays.stream(names.split(",")).anyMatch(allowed::contains)) {
        return Optional.empty();
      }
      BytePointer longName = format.long_name();
      return Optional.of(
          (longName == null || longName.isNull() ? names : longName.getString())
              + " ("
              + names
              + ")");
    }
  }

  private static void checkFile(Path file, String name) {
    if (!Files.exists(file)) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, name + ": no such file (" + file + ")");
    }
    if (!Files.isRegularFile(file)) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, name + ": not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, name + ": cannot be read (check its permissions)");
    }
    try {
      if (Files.size(file) == 0) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE, name + ": the file is empty (0 bytes)");
      }
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(64);
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      if (text.startsWith(UTF_8_BYTE_ORDER_MARK)) {
        text = text.substring(UTF_8_BYTE_ORDER_MARK.length());
      }
      text = text.stripLeading();
      if (text.startsWith("#EXTM3U") || text.startsWith("ffconcat") || text.contains("<MPD")) {
        throw new PipelineException(
            ErrorCode.INPUT_UNSUPPORTED_FORMAT,
            name
                + ": playlist inputs (HLS, DASH, concat) are refused for VOD files; give the media file itself");
      }
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, name + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static MediaSource probe(
      String name,
      AVFormatContext context,
      InterruptDeadline deadline,
      ProbeLimits limits,
      Reading reading) {
    String container = context.iformat().name().getString();
    if (context.nb_streams() > limits.maxStreams()) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          name
              + ": "
              + context.nb_streams()
              + " streams is over the limit of "
              + limits.maxStreams());
    }
    // The declared duration is checked before the streams: a source that is too long is refused as
    // such, even when its timestamps are too sparse to give a frame rate.
    MediaTime duration = MediaTime.zero(Timescales.SOURCE);
    if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) {
      duration =
          MediaTime.of(
              Ticks.rescale(
                  context.duration(), AV_TIME_BASE, Timescales.SOURCE, RoundingMode.HALF_UP),
              Timescales.SOURCE);
    }
    if (duration.compareTo(limits.maxDuration()) > 0) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          name
              + ": duration "
              + duration.toSeconds(1, RoundingMode.HALF_UP)
              + " s is over the limit of "
              + limits.maxDuration().toSeconds(0, RoundingMode.HALF_UP)
              + " s");
    }
    int videoIndex =
        av_find_best_stream(
            context, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
    if (videoIndex >= 0
        && (context.streams(videoIndex).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
      videoIndex = -1;
    }
    int audioIndex =
        av_find_best_stream(
            context,
            AVMEDIA_TYPE_AUDIO,
            -1,
            Math.max(videoIndex, -1),
            (org.bytedeco.ffmpeg.avcodec.AVCodec) null,
            0);
    if (videoIndex < 0 && audioIndex < 0) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT,
          name + ": no video or audio stream found (is it a media file?)");
    }
    Optional<SourceVideo> video =
        videoIndex < 0
            ? Optional.empty()
            : Optional.of(video(name, context, context.streams(videoIndex), limits));
    Optional<SourceAudio> audio =
        audioIndex < 0
            ? Optional.empty()
            : Optional.of(audio(name, context.streams(audioIndex), limits));
    SourceInfo info = new SourceInfo(container, duration, video, audio);
    return new MediaSource(name, context, deadline, info, videoIndex, audioIndex, reading);
  }

  private static SourceVideo video(
      String name, AVFormatContext context, AVStream stream, ProbeLimits limits) {
    AVCodecParameters par = stream.codecpar();
    String codec = avcodec_get_name(par.codec_id()).getString();
    if (!VIDEO_CODECS.contains(codec) || avcodec_find_decoder(par.codec_id()) == null) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_CODEC,
          name
              + ": video codec "
              + codec
              + " is not supported (supported: "
              + String.join(", ", sorted(VIDEO_CODECS))
              + ")");
    }
    int width = par.width();
    int height = par.height();
    if (width <= 0 || height <= 0) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, name + ": the video stream declares no picture size");
    }
    int longSide = Math.max(width, height);
    int shortSide = Math.min(width, height);
    if (longSide > limits.maxLongSide() || shortSide > limits.maxShortSide()) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          name
              + ": video "
              + width
              + "x"
              + height
              + " is over the limit of "
              + limits.maxLongSide()
              + "x"
              + limits.maxShortSide());
    }
    Rational sar =
        Av.rational(av_guess_sample_aspect_ratio(context, stream, null)).orElse(Rational.of(1));
    Rational frameRate =
        FrameRates.nominal(Av.rational(stream.avg_frame_rate()), Av.rational(stream.r_frame_rate()))
            .orElseThrow(
                () ->
                    new PipelineException(
                        ErrorCode.INPUT_TIMESTAMPS_INVALID,
                        name + ": the video stream declares no usable frame rate"));
    int fieldOrder = par.field_order();
    // AV_FIELD_UNKNOWN = 0, AV_FIELD_PROGRESSIVE = 1; anything else is interlaced.
    boolean interlaced = fieldOrder > 1;
    return new SourceVideo(codec, width, height, sar, rotation(par), frameRate, interlaced);
  }

  private static int rotation(AVCodecParameters par) {
    AVPacketSideData side =
        av_packet_side_data_get(
            par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (side == null || side.isNull() || side.size() < 9 * 4) {
      return 0;
    }
    double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
    if (Double.isNaN(counterClockwise)) {
      return 0;
    }
    long clockwise = Math.round(-counterClockwise);
    int snapped = (int) (Math.floorMod(Math.round(clockwise / 90.0) * 90, 360));
    return snapped;
  }

  private static SourceAudio audio(String name, AVStream stream, ProbeLimits limits) {
    AVCodecParameters par = stream.codecpar();
    String codec = avcodec_get_name(par.codec_id()).getString();
    boolean pcm = codec.startsWith("pcm_");
    if ((!pcm && !AUDIO_CODECS.contains(codec)) || avcodec_find_decoder(par.codec_id()) == null) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_CODEC,
          name
              + ": audio codec "
              + codec
              + " is not supported (supported: "
              + String.join(", ", sorted(AUDIO_CODECS))
              + ", PCM)");
    }
    int channels = par.ch_layout().nb_channels();
    if (channels > limits.maxAudioChannels()) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          name
              + ": "
              + channels
              + " audio channels is over the limit of "
              + limits.maxAudioChannels());
    }
    if (channels <= 0 || par.sample_rate() <= 0) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          name + ": the audio stream declares no sample rate or channels");
    }
    return new SourceAudio(codec, par.sample_rate(), channels);
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /**
   * The file name, or for a live source the stream name given to {@link #openStream} or the URL
   * with its secrets masked; for messages.
   */
  public String name() {
    return name;
  }

  /** What probing found. */
  public SourceInfo info() {
    return info;
  }

  /**
   * Reads the next packet of the selected streams, or empty at the end.
   *
   * <p>Timestamps: for containers whose timestamps wrap (MPEG-TS, FLV, RTP) they are unrolled to 64
   * bits, so they keep increasing across any number of wraps, and the packet's own {@code AVPacket}
   * carries the unrolled values too. A decode-time jump backward, or forward by more than the
   * source's maximum step (10 s for files), marks the packet as a {@link
   * SourcePacket#discontinuity()}; its timestamps are the new ones, not rebased.
   *
   * <p>A file cut short after a complete index (an MP4 with its {@code moov} first) reads without
   * an error: the packets simply end before {@code info().duration()}, and the last one may be
   * partial (FFmpeg flags it corrupt, not key). Callers that must not accept a truncated file
   * compare where the media ends with the declared duration.
   *
   * <p>For a live source, empty means the peer ended the stream (an SRT or RTSP peer closing, the
   * end of an {@link #openStream} stream). After a {@link PipelineException} the source is broken:
   * close it (and reconnect when the code is retriable). Interrupting the reading thread aborts a
   * blocked read of a live source with {@code SOURCE_UNAVAILABLE}.
   *
   * <p>Packets without any timestamp are left out, except that a video packet without one fails a
   * file; a live source skips it (RTSP does not time the first access unit).
   *
   * @throws PipelineException {@code INPUT_UNREADABLE} on a read error of a file or invalid data;
   *     {@code SOURCE_UNAVAILABLE} when a live source sends nothing for its read timeout, fails or
   *     is interrupted; {@code INPUT_TIMESTAMPS_INVALID} for a file's video packet without
   *     timestamps
   */
  public Optional<SourcePacket> next() {
    while (true) {
      deadline.extend(reading.readTimeout());
      int ret = av_read_frame(context, readPacket);
      if (ret < 0) {
        av_packet_unref(readPacket);
        if (reading.live()) {
          return endOfLive(ret);
        }
        if (ret == AVERROR_EOF) {
          return Optional.empty();
        }
        AVIOContext pb = context.pb();
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            name
                + ": read error after "
                + (pb == null ? 0 : pb.pos())
                + " bytes: "
                + Av.errorText(ret));
      }
      int index = readPacket.stream_index();
      if (index != videoIndex && index != audioIndex) {
        av_packet_unref(readPacket);
        continue;
      }
      AVStream stream = context.streams(index);
      AVRational tb = stream.time_base();
      long pts = readPacket.pts();
      long dts = readPacket.dts();
      if (pts == AV_NOPTS_VALUE && dts == AV_NOPTS_VALUE) {
        av_packet_unref(readPacket);
        if (index == videoIndex && !reading.live()) {
          throw new PipelineException(
              ErrorCode.INPUT_TIMESTAMPS_INVALID, name + ": a video packet has no timestamp");
        }
        if (index == videoIndex && untimedVideoPackets++ == 0) {
          // RTSP gives the first access unit no timestamp when its RTP packets arrive before the
          // stream's timing is known; a live source cannot place it, so it is left out.
          LOG.debug("{}: dropping video packets without timestamps", name);
        }
        continue;
      }
      if (pts == AV_NOPTS_VALUE) {
        pts = dts;
      }
      if (dts == AV_NOPTS_VALUE) {
        dts = pts;
      }
      TrackKind kind = index == videoIndex ? TrackKind.VIDEO : TrackKind.AUDIO;
      boolean discontinuity = false;
      int wrapBits = stream.pts_wrap_bits();
      if (wrapBits < 63) {
        TimestampUnroller unroller = unroller(kind, wrapBits, tb);
        OptionalLong near =
            emitted
                ? OptionalLong.of(
                    Ticks.rescale(
                        lastEmittedDtsTicks,
                        (long) Timescales.SOURCE * tb.num(),
                        tb.den(),
                        RoundingMode.HALF_UP))
                : OptionalLong.empty();
        TimestampUnroller.Unrolled unrolled = unroller.next(dts, pts, near);
        dts = unrolled.dts();
        pts = unrolled.pts();
        discontinuity = unrolled.discontinuity();
        readPacket.dts(dts);
        readPacket.pts(pts);
      }
      long ptsTicks = toSourceTicks(pts, tb);
      long dtsTicks = toSourceTicks(dts, tb);
      long durationTicks = readPacket.duration() > 0 ? toSourceTicks(readPacket.duration(), tb) : 0;
      boolean key = (readPacket.flags() & AV_PKT_FLAG_KEY) != 0;
      if (kind == TrackKind.VIDEO) {
        if (dtsTicks <= lastVideoDts && !discontinuity) {
          // Decode order must be strictly increasing for stream copy; nudge equal/backward dts.
          dtsTicks = lastVideoDts + 1;
        }
        lastVideoDts = dtsTicks;
      }
      emitted = true;
      lastEmittedDtsTicks = dtsTicks;
      AVPacket owned = av_packet_alloc();
      av_packet_move_ref(owned, readPacket);
      return Optional.of(
          new SourcePacket(kind, ptsTicks, dtsTicks, durationTicks, key, discontinuity, owned));
    }
  }

  private TimestampUnroller unroller(TrackKind kind, int wrapBits, AVRational tb) {
    TimestampUnroller unroller = kind == TrackKind.VIDEO ? videoUnroller : audioUnroller;
    if (unroller == null) {
      long maxStep =
          Ticks.rescale(
              reading.maxTimestampStep().ticksAt(Timescales.SOURCE, RoundingMode.FLOOR),
              (long) Timescales.SOURCE * tb.num(),
              tb.den(),
              RoundingMode.FLOOR);
      unroller = new TimestampUnroller(wrapBits, maxStep);
      if (kind == TrackKind.VIDEO) {
        videoUnroller = unroller;
      } else {
        audioUnroller = unroller;
      }
    }
    return unroller;
  }

  /**
   * Stops reading a live source from another thread: a {@link #next()} blocked now, and every later
   * one, fails at once with {@code SOURCE_UNAVAILABLE} ("reading was interrupted"); the reading
   * thread then closes the source as usual. Unlike interrupting the reading thread, this leaves the
   * thread's other blocking calls alone.
   */
  public void interrupt() {
    deadline.stop();
  }

  /** A live read that returned {@code ret}: the end of the stream, or why it failed. */
  private Optional<SourcePacket> endOfLive(int ret) {
    InputStreamAvio io = reading.streamInput();
    boolean broken =
        deadline.expired()
            || deadline.interruptedThread()
            || (io != null && (io.stalled() || io.interrupted() || io.failure() != null));
    if (!broken && ret == AVERROR_EOF) {
      // Demuxers report a failed read as the end of the file; the I/O context knows better.
      AVIOContext pb = context.pb();
      if (pb == null || pb.error() >= 0 || pb.error() == AVERROR_EOF) {
        return Optional.empty();
      }
      ret = pb.error();
    }
    throw liveFailure(name, ret, deadline, io, reading.readTimeout());
  }

  /** The selected video stream, for stream copy; null if there is none. */
  @Nullable AVStream videoStream() {
    return videoIndex < 0 ? null : context.streams(videoIndex);
  }

  /** The selected audio stream; null if there is none. */
  @Nullable AVStream audioStream() {
    return audioIndex < 0 ? null : context.streams(audioIndex);
  }

  private static long toSourceTicks(long value, AVRational tb) {
    return Ticks.rescale(
        Math.multiplyExact(value, (long) tb.num()),
        tb.den(),
        Timescales.SOURCE,
        RoundingMode.HALF_UP);
  }

  /** Closes the demuxer and, for {@link #openStream}, the stream. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      av_packet_free(readPacket);
      avformat_close_input(context);
      InputStreamAvio io = reading.streamInput();
      if (io != null) {
        io.close();
      }
      deadline.close();
    }
  }

  /**
   * Aborts blocking FFmpeg I/O once its deadline has passed (every read gets a fresh deadline) or
   * when the thread doing it is interrupted. FFmpeg asks on the thread that called into FFmpeg (its
   * own protocols about every 100 ms while they wait); {@link InputStreamAvio} waits on {@link
   * #remainingNanos()} instead. Close it after the format context that uses it.
   */
  static final class InterruptDeadline implements NativeCallbacks.InterruptTarget, AutoCloseable {
    private final NativeCallbacks.Registration registration = NativeCallbacks.register(this);
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean expired;
    private volatile boolean interruptedThread;
    private volatile boolean stopped;

    /** The interrupt callback to set on a format context. */
    AVIOInterruptCB callback() {
      return new AVIOInterruptCB()
          .callback(NativeCallbacks.INTERRUPT)
          .opaque(registration.opaque());
    }

    /** Sets the deadline {@code timeout} from now. */
    void extend(Duration timeout) {
      if (!stopped) {
        deadlineNanos = System.nanoTime() + timeout.toNanos();
      }
    }

    /** Aborts the blocked call, if any, and every later one: they fail as interrupted. */
    void stop() {
      stopped = true;
      deadlineNanos = System.nanoTime();
    }

    /** Nanoseconds left, 0 when the deadline has passed. */
    long remainingNanos() {
      return Math.max(0, deadlineNanos - System.nanoTime());
    }

    /**
     * True once FFmpeg was told to abort because a deadline passed. It stays true: FFmpeg keeps an
     * aborted read's error in its I/O context and returns it again on the next read, which this
     * then explains.
     */
    boolean expired() {
      return expired;
    }

    /** True once FFmpeg was told to abort because the thread was interrupted; stays true. */
    boolean interruptedThread() {
      return interruptedThread;
    }

    @Override
    public void close() {
      registration.close();
    }

    @Override
    public boolean shouldInterrupt() {
      if (stopped || Thread.currentThread().isInterrupted()) {
        interruptedThread = true;
        return true;
      }
      if (remainingNanos() == 0) {
        expired = true;
        return true;
      }
      return false;
    }
  }
}
