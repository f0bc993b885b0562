package dev.abr.media;

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
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format3;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * An opened media source: probed, checked against the allow-lists and {@link ProbeLimits}, with one
 * video and one audio stream selected. Reads compressed packets of those streams in file order. Not
 * thread-safe; close it when done.
 */
public final class MediaSource implements AutoCloseable {
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
  private final AVPacket readPacket = av_packet_alloc();
  private long lastVideoDts = Long.MIN_VALUE;
  private boolean closed;

  private MediaSource(
      String name,
      AVFormatContext context,
      InterruptDeadline deadline,
      SourceInfo info,
      int videoIndex,
      int audioIndex) {
    this.name = name;
    this.context = context;
    this.deadline = deadline;
    this.info = info;
    this.videoIndex = videoIndex;
    this.audioIndex = audioIndex;
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
    context.interrupt_callback(new AVIOInterruptCB().callback(deadline));
    AVDictionary options = new AVDictionary(null);
    av_dict_set(options, "protocol_whitelist", "file", 0);
    av_dict_set(options, "format_whitelist", FORMAT_ALLOW_LIST, 0);
    deadline.extend(OPEN_TIMEOUT_SECONDS);
    String url = "file:" + file.toAbsolutePath();
    int ret = avformat_open_input(context, url, null, options);
    av_dict_free(options);
    if (ret < 0) {
      // avformat_open_input frees the context on failure.
      throw openFailure(file, name, ret);
    }
    try {
      ret = avformat_find_stream_info(context, (org.bytedeco.javacpp.PointerPointer<?>) null);
      if (ret < 0) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            name + ": cannot read stream information (" + Av.errorText(ret) + ")");
      }
      return probe(name, context, deadline, limits);
    } catch (RuntimeException e) {
      avformat_close_input(context);
      throw e;
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
      String name, AVFormatContext context, InterruptDeadline deadline, ProbeLimits limits) {
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
    return new MediaSource(name, context, deadline, info, videoIndex, audioIndex);
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

  /** The file name, for messages. */
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
   * <p>A file cut short after a complete index (an MP4 with its {@code moov} first) reads without
   * an error: the packets simply end before {@code info().duration()}, and the last one may be
   * partial (FFmpeg flags it corrupt, not key). Callers that must not accept a truncated file
   * compare where the media ends with the declared duration.
   *
   * @throws PipelineException {@code INPUT_UNREADABLE} on a read error
   */
  public Optional<SourcePacket> next() {
    while (true) {
      deadline.extend(OPEN_TIMEOUT_SECONDS);
      int ret = av_read_frame(context, readPacket);
      if (ret == AVERROR_EOF) {
        return Optional.empty();
      }
      if (ret < 0) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            name + ": read error after " + context.pb().pos() + " bytes: " + Av.errorText(ret));
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
        if (index == videoIndex) {
          throw new PipelineException(
              ErrorCode.INPUT_TIMESTAMPS_INVALID, name + ": a video packet has no timestamp");
        }
        continue;
      }
      if (pts == AV_NOPTS_VALUE) {
        pts = dts;
      }
      if (dts == AV_NOPTS_VALUE) {
        dts = pts;
      }
      long ptsTicks = toSourceTicks(pts, tb);
      long dtsTicks = toSourceTicks(dts, tb);
      long durationTicks = readPacket.duration() > 0 ? toSourceTicks(readPacket.duration(), tb) : 0;
      boolean key = (readPacket.flags() & AV_PKT_FLAG_KEY) != 0;
      TrackKind kind = index == videoIndex ? TrackKind.VIDEO : TrackKind.AUDIO;
      if (kind == TrackKind.VIDEO) {
        if (dtsTicks <= lastVideoDts) {
          // Decode order must be strictly increasing for stream copy; nudge equal/backward dts.
          dtsTicks = lastVideoDts + 1;
        }
        lastVideoDts = dtsTicks;
      }
      AVPacket owned = av_packet_alloc();
      av_packet_move_ref(owned, readPacket);
      return Optional.of(new SourcePacket(kind, ptsTicks, dtsTicks, durationTicks, key, owned));
    }
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

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      av_packet_free(readPacket);
      avformat_close_input(context);
    }
  }

  /** Aborts blocking FFmpeg I/O once its deadline has passed (every read gets a fresh deadline). */
  static final class InterruptDeadline extends AVIOInterruptCB.Callback_Pointer {
    private volatile long deadlineNanos = Long.MAX_VALUE;

    void extend(int seconds) {
      deadlineNanos = System.nanoTime() + seconds * 1_000_000_000L;
    }

    @Override
    public int call(Pointer opaque) {
      return System.nanoTime() - deadlineNanos > 0 ? 1 : 0;
    }
  }
}
