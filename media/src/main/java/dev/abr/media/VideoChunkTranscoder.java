package dev.abr.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_get_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse2;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.time.FrameGrid;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Ticks;
import dev.abr.core.time.Timescales;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.jspecify.annotations.Nullable;

/**
 * Transcodes one source chunk into every video rendition of a {@link VideoPlan}: decodes the chunk
 * once, optionally deinterlaces and rotates, picks one source frame per output grid frame ({@link
 * GridFrameSelector}), splits and scales once per rendition (bicubic, square pixels, yuv420p; a
 * smaller rendition from a larger one's scaled picture where {@link ScalingCascade} allows) and
 * encodes each rendition with libx264: closed GOPs of {@code gopFrames}, no scene-cut key frames,
 * so every rendition has an IDR at the chunk start and at the same frames inside it.
 *
 * <p>Threads, as in the ffmpeg command line since 7.0: the calling thread reads, decodes (with the
 * decoder's own frame threads) and picks grid frames; each rendition has a thread of its own that
 * scales and feeds its encoder, and x264 runs its own frame and lookahead threads behind that. A
 * grid frame reaches the renditions as a new reference to the decoded picture (no copy), through a
 * short queue per rendition, so a rendition whose encoder is waiting for its frame threads never
 * holds up the others, and decoding runs ahead of the encoders by at most {@value #QUEUED_FRAMES}
 * frames. Each rendition's thread runs at a nice value for its share of the work ({@link
 * EncoderThreads#niceFor}), which x264's threads inherit, so that the rendition with the most work
 * per thread is not starved by the lighter ones (decision 021).
 */
public final class VideoChunkTranscoder implements AutoCloseable {
  /** Receives measurements; called on the calling thread, must be fast and never throw. */
  public interface Listener {
    /**
     * One rendition of the chunk is encoded: {@code frames} frames, {@code encoderNanos} spent in
     * its encoder calls on the rendition's thread (x264's own threads work in parallel).
     */
    default void renditionEncoded(String rendition, int frames, long encoderNanos) {}

    /** The whole chunk is done: decode, filters and every encoder. */
    default void chunkTranscoded(long totalNanos) {}

    /** No-op listener. */
    Listener NONE = new Listener() {};
  }

  private static final long MAX_DECODED_PIXELS = 4096L * 2304;

  /**
   * Whether each rendition's threads run at a priority for their share of the work ({@link
   * EncoderThreads#niceFor}); {@code -Dabr.renditionPriorities=false} turns it off, to measure.
   */
  private static final boolean RENDITION_PRIORITIES =
      !"false".equalsIgnoreCase(System.getProperty("abr.renditionPriorities"));

  /**
   * Whether renditions are scaled from a larger rendition's picture where {@link ScalingCascade}
   * allows; {@code -Dabr.cascadedScaling=false} scales every rendition from the source, to measure.
   */
  private static final boolean CASCADED_SCALING =
      !"false".equalsIgnoreCase(System.getProperty("abr.cascadedScaling"));

  /** Grid frames each rendition's thread may have waiting; more only holds more pictures. */
  static final int QUEUED_FRAMES = 8;

  private final String chunkName;
  private final ChunkRange range;
  private final VideoPlan plan;
  private final EncoderThreads threads;
  private final FrameGrid grid;
  private final java.util.Set<Long> forcedKeyFrames;
  private final List<Rung> rungs = new ArrayList<>();
  private @Nullable AVFormatContext input;
  private @Nullable AVCodecContext decoder;
  private @Nullable AVFilterGraph preGraph;
  private @Nullable AVFilterContext preSource;
  private @Nullable AVFilterContext preSink;
  private final AVFrame decoded = av_frame_alloc();
  private final AVFrame filtered = av_frame_alloc();
  private final AVFrame held = av_frame_alloc();
  private final AVPacket packet = av_packet_alloc();
  private boolean holding;
  private @Nullable MediaTime heldTime;
  private long decodedFrames;
  private long emitted;

  private VideoChunkTranscoder(
      String chunkName, ChunkRange range, VideoPlan plan, EncoderThreads threads) {
    this.chunkName = chunkName;
    this.range = range;
    this.plan = plan;
    this.threads = threads;
    this.grid = plan.grid();
    this.forcedKeyFrames = java.util.Set.copyOf(range.segmentStarts());
  }

  /**
   * Transcodes {@code chunkFile} (a Matroska stream copy made by {@link ChunkWriter}).
   *
   * @param chunkName names the chunk in errors, for example {@code "chunk 12 of stream abc"}
   * @param threads how many threads each rendition's encoder gets
   * @return one track per rendition, in plan order
   * @throws PipelineException {@code DECODE_FAILED} or {@code ENCODE_FAILED} naming the chunk
   */
  public static List<EncodedTrack> transcode(
      Path chunkFile,
      String chunkName,
      ChunkRange range,
      VideoPlan plan,
      EncoderThreads threads,
      Listener listener) {
    Av.init();
    try (VideoChunkTranscoder transcoder =
        new VideoChunkTranscoder(chunkName, range, plan, threads)) {
      return transcoder.run(chunkFile, listener);
    }
  }

  private List<EncodedTrack> run(Path chunkFile, Listener listener) {
    long started = System.nanoTime();
    openInput(chunkFile);
    AVStream stream = input.streams(0);
    AVRational tb = stream.time_base();
    GridFrameSelector selector =
        new GridFrameSelector(grid, range.firstFrameIndex(), range.endFrameIndex());
    long basePts = AV_NOPTS_VALUE;
    while (true) {
      int ret = av_read_frame(input, packet);
      if (ret == AVERROR_EOF) {
        break;
      }
      Av.check(ret, ErrorCode.DECODE_FAILED, chunkName + ": read chunk");
      try {
        if (packet.stream_index() != 0) {
          continue;
        }
        if (basePts == AV_NOPTS_VALUE) {
          basePts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        }
        ret = avcodec_send_packet(decoder, packet);
        if (ret < 0 && ret != AVERROR_EAGAIN()) {
          // A damaged packet: skip it; frames missing at the end are detected below.
          continue;
        }
      } finally {
        av_packet_unref(packet);
      }
      receiveDecoded(tb, basePts, selector);
    }
    avcodec_send_packet(decoder, (AVPacket) null);
    receiveDecoded(tb, basePts, selector);
    flushPreFilter(tb, basePts, selector);
    if (!holding) {
      throw new PipelineException(
          ErrorCode.DECODE_FAILED, chunkName + ": no frame could be decoded");
    }
    checkCoverage(selector);
    emitHeld(selector.finish());
    finishRungs();
    List<EncodedTrack> tracks = new ArrayList<>();
    for (Rung rung : rungs) {
      EncodedTrack track = rung.track(chunkName, range.frameCount());
      tracks.add(track);
      listener.renditionEncoded(rung.rendition.name(), track.frames().size(), rung.encoderNanos);
    }
    listener.chunkTranscoded(System.nanoTime() - started);
    return tracks;
  }

  private void openInput(Path chunkFile) {
    AVFormatContext context = new AVFormatContext(null);
    AVDictionary options = new AVDictionary(null);
    av_dict_set(options, "protocol_whitelist", "file", 0);
    av_dict_set(options, "format_whitelist", "matroska", 0);
    int ret = avformat_open_input(context, "file:" + chunkFile.toAbsolutePath(), null, options);
    av_dict_free(options);
    Av.check(ret, ErrorCode.DECODE_FAILED, chunkName + ": open chunk");
    input = context;
    Av.check(
        avformat_find_stream_info(input, (org.bytedeco.javacpp.PointerPointer<?>) null),
        ErrorCode.DECODE_FAILED,
        chunkName + ": read chunk header");
    if (input.nb_streams() < 1) {
      throw new PipelineException(ErrorCode.DECODE_FAILED, chunkName + ": the chunk has no stream");
    }
    AVStream stream = input.streams(0);
    AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
    if (codec == null) {
      throw new PipelineException(
          ErrorCode.DECODE_FAILED, chunkName + ": no decoder for the chunk's codec");
    }
    decoder = avcodec_alloc_context3(codec);
    Av.check(
        avcodec_parameters_to_context(decoder, stream.codecpar()),
        ErrorCode.DECODE_FAILED,
        chunkName + ": decoder parameters");
    decoder.pkt_timebase(stream.time_base());
    decoder.thread_count(0);
    // Chunks come from probed sources, but a damaged one must not make the decoder allocate
    // pictures beyond what the probe allowed (4096x2304 by default, either orientation).
    decoder.max_pixels(MAX_DECODED_PIXELS);
    Av.check(
        avcodec_open2(decoder, codec, (AVDictionary) null),
        ErrorCode.DECODE_FAILED,
        chunkName + ": open decoder");
  }

  private void receiveDecoded(AVRational tb, long basePts, GridFrameSelector selector) {
    while (true) {
      int ret = avcodec_receive_frame(decoder, decoded);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      if (ret < 0) {
        return; // concealment failed for this frame; coverage is checked at the end
      }
      decodedFrames++;
      try {
        long pts =
            decoded.best_effort_timestamp() != AV_NOPTS_VALUE
                ? decoded.best_effort_timestamp()
                : decoded.pts();
        if (pts == AV_NOPTS_VALUE) {
          continue;
        }
        MediaTime time = sourceTime(pts, tb, basePts);
        if (needsPreFilter()) {
          pushPreFilter(decoded, pts);
          pullPreFilter(tb, basePts, selector);
        } else {
          offer(decoded, time, selector);
        }
      } finally {
        av_frame_unref(decoded);
      }
    }
  }

  private MediaTime sourceTime(long pts, AVRational tb, long basePts) {
    long relative =
        Ticks.rescale(
            Math.multiplyExact(pts - basePts, (long) tb.num()),
            tb.den(),
            Timescales.SOURCE,
            RoundingMode.HALF_UP);
    return MediaTime.of(range.decodeStart().ticks() + relative, Timescales.SOURCE);
  }

  /** Hands a (filtered) source frame to the selector; emits the previously held frame as needed. */
  private void offer(AVFrame frame, MediaTime time, GridFrameSelector selector) {
    if (heldTime != null && time.compareTo(heldTime) <= 0) {
      return; // duplicate or reordered timestamp: keep the first frame seen at this time
    }
    int count = selector.offer(time);
    if (holding) {
      emitHeld(count);
      av_frame_unref(held);
    }
    Av.check(av_frame_ref(held, frame), ErrorCode.DECODE_FAILED, chunkName + ": keep frame");
    holding = true;
    heldTime = time;
  }

  private void checkCoverage(GridFrameSelector selector) {
    // The last decoded frame may cover the tail only if it is close to it: a chunk that decodes
    // to far fewer frames than its range needs is damaged, not something to paper over.
    MediaTime lastNeeded = grid.timeOf(range.endFrameIndex() - 1);
    MediaTime last = selector.lastOffered();
    long slackTicks =
        Math.max(
            Timescales.SOURCE / 4,
            3 * plan.frameRate().reciprocal().ticksPer(Timescales.SOURCE, RoundingMode.CEILING));
    MediaTime lastPlusSlack = MediaTime.of(last.ticks() + slackTicks, Timescales.SOURCE);
    if (lastPlusSlack.compareTo(lastNeeded) < 0) {
      throw new PipelineException(
          ErrorCode.DECODE_FAILED,
          chunkName
              + ": decoded frames end at "
              + last.toSeconds(3, RoundingMode.HALF_UP)
              + " s but the chunk must cover until "
              + lastNeeded.toSeconds(3, RoundingMode.HALF_UP)
              + " s ("
              + decodedFrames
              + " frames decoded); the source is damaged");
    }
  }

  private boolean needsPreFilter() {
    return plan.deinterlace() || plan.rotationDegrees() != 0;
  }

  private void pushPreFilter(AVFrame frame, long pts) {
    if (preGraph == null) {
      String chain = preFilterChain();
      AVFilterGraph graph = avfilter_graph_alloc();
      String description =
          bufferArgs("buffer@pre", frame, decoder.pkt_timebase())
              + ","
              + chain
              + ",buffersink@preout";
      configure(graph, description, "deinterlace/rotate");
      preGraph = graph;
      preSource = avfilter_graph_get_filter(graph, "buffer@pre");
      preSink = avfilter_graph_get_filter(graph, "buffersink@preout");
    }
    frame.pts(pts);
    Av.check(
        av_buffersrc_add_frame_flags(preSource, frame, 0),
        ErrorCode.DECODE_FAILED,
        chunkName + ": deinterlace/rotate");
  }

  private void pullPreFilter(AVRational tb, long basePts, GridFrameSelector selector) {
    while (true) {
      int ret = av_buffersink_get_frame(preSink, filtered);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      Av.check(ret, ErrorCode.DECODE_FAILED, chunkName + ": deinterlace/rotate");
      try {
        offer(filtered, sourceTime(filtered.pts(), tb, basePts), selector);
      } finally {
        av_frame_unref(filtered);
      }
    }
  }

  private void flushPreFilter(AVRational tb, long basePts, GridFrameSelector selector) {
    if (preGraph != null) {
      av_buffersrc_add_frame_flags(preSource, null, 0);
      pullPreFilter(tb, basePts, selector);
    }
  }

  private String preFilterChain() {
    List<String> filters = new ArrayList<>();
    if (plan.deinterlace()) {
      filters.add("bwdif=mode=send_frame:parity=auto:deint=all");
    }
    switch (plan.rotationDegrees()) {
      case 0 -> {}
      case 90 -> filters.add("transpose=clock");
      case 180 -> filters.add("hflip,vflip");
      case 270 -> filters.add("transpose=cclock");
      default -> throw new IllegalStateException("rotation " + plan.rotationDegrees());
    }
    return String.join(",", filters);
  }

  /** Sends the held source frame as the next {@code count} grid frames of every rendition. */
  private void emitHeld(int count) {
    for (int i = 0; i < count; i++) {
      long index = range.firstFrameIndex() + emitted++;
      if (rungs.isEmpty()) {
        startRungs(held);
      }
      for (Rung rung : rungs) {
        if (rung.fromSource) {
          rung.submit(held, index);
        }
      }
    }
  }

  /**
   * Starts a thread per rendition. A rendition scaled from another one's picture ({@link
   * ScalingCascade}) gets its frames from that rendition's thread instead of from this one.
   */
  private void startRungs(AVFrame first) {
    List<VideoRendition> renditions = plan.renditions();
    int[] parents;
    if (CASCADED_SCALING) {
      parents = ScalingCascade.parents(renditions, first.width(), first.height());
    } else {
      parents = new int[renditions.size()];
      Arrays.fill(parents, ScalingCascade.SOURCE);
    }
    String sourceArgs = bufferArgs("buffer@in", first, gridTimeBase());
    for (int i = 0; i < renditions.size(); i++) {
      String input =
          parents[i] == ScalingCascade.SOURCE
              ? sourceArgs
              : scaledBufferArgs(renditions.get(parents[i]));
      rungs.add(new Rung(renditions.get(i), input, parents[i] == ScalingCascade.SOURCE));
    }
    for (int i = 0; i < renditions.size(); i++) {
      if (parents[i] != ScalingCascade.SOURCE) {
        rungs.get(parents[i]).children.add(rungs.get(i));
      }
    }
    // Children first: a parent's thread may queue pictures for them as soon as it starts.
    for (Rung rung : rungs) {
      if (!rung.fromSource) {
        rung.start();
      }
    }
    for (Rung rung : rungs) {
      if (rung.fromSource) {
        rung.start();
      }
    }
  }

  private AVRational gridTimeBase() {
    return Av.q(plan.frameRate().denominator(), plan.frameRate().numerator());
  }

  /** The buffer source of a rendition fed with {@code parent}'s scaled pictures. */
  private String scaledBufferArgs(VideoRendition parent) {
    return bufferArgs(
        "buffer@in", parent.width(), parent.height(), "yuv420p", gridTimeBase(), 1, 1);
  }

  /**
   * Ends every rendition's input, waits for its thread and rethrows the first failure. The
   * renditions scaled from another one's picture are ended by that rendition's thread.
   */
  private void finishRungs() {
    for (Rung rung : rungs) {
      if (rung.fromSource) {
        rung.end();
      }
    }
    RuntimeException failure = null;
    for (Rung rung : rungs) {
      rung.join();
      if (failure == null && rung.failure != null) {
        failure = asPipelineFailure(rung.failure, rung.rendition);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private RuntimeException asPipelineFailure(Throwable failure, VideoRendition rendition) {
    if (failure instanceof PipelineException pipeline) {
      return pipeline;
    }
    return new PipelineException(
        ErrorCode.ENCODE_FAILED,
        chunkName + ": rendition " + rendition.name() + " failed: " + failure,
        failure);
  }

  private static String bufferArgs(String name, AVFrame frame, AVRational timeBase) {
    int sarNum = frame.sample_aspect_ratio().num();
    int sarDen = frame.sample_aspect_ratio().den();
    if (sarNum <= 0 || sarDen <= 0) {
      sarNum = 1;
      sarDen = 1;
    }
    return bufferArgs(
        name,
        frame.width(),
        frame.height(),
        av_get_pix_fmt_name(frame.format()).getString(),
        timeBase,
        sarNum,
        sarDen);
  }

  private static String bufferArgs(
      String name,
      int width,
      int height,
      String pixelFormat,
      AVRational timeBase,
      int sarNum,
      int sarDen) {
    return String.format(
        Locale.ROOT,
        "%s=video_size=%dx%d:pix_fmt=%s:time_base=%d/%d:pixel_aspect=%d/%d",
        name,
        width,
        height,
        pixelFormat,
        timeBase.num(),
        timeBase.den(),
        sarNum,
        sarDen);
  }

  private void configure(AVFilterGraph graph, String description, String what) {
    AVFilterInOut inputs = new AVFilterInOut(null);
    AVFilterInOut outputs = new AVFilterInOut(null);
    try {
      Av.check(
          avfilter_graph_parse2(graph, description, inputs, outputs),
          ErrorCode.ENCODE_FAILED,
          chunkName + ": build " + what + " filters");
      Av.check(
          avfilter_graph_config(graph, null),
          ErrorCode.ENCODE_FAILED,
          chunkName + ": configure " + what + " filters");
    } catch (PipelineException e) {
      avfilter_graph_free(graph);
      throw e;
    } finally {
      avfilter_inout_free(inputs);
      avfilter_inout_free(outputs);
    }
  }

  /** A queued grid frame for a rendition's thread; {@code frame == null} ends the input. */
  private record Queued(@Nullable AVFrame frame) {
    static final Queued END = new Queued(null);
  }

  /**
   * One rendition: a thread of its own that scales the grid frames it is given (bicubic, square
   * pixels, yuv420p), hands each scaled picture to the renditions scaled from it ({@code children})
   * and encodes it. Everything native it owns is used on its thread only, until the thread has
   * ended.
   */
  private final class Rung implements Runnable {
    private final VideoRendition rendition;

    /** Whether the decoding thread feeds this rendition; otherwise another rendition's thread. */
    private final boolean fromSource;

    /** Renditions scaled from this one's pictures; fed and ended by this rendition's thread. */
    private final List<Rung> children = new ArrayList<>();

    private final BlockingQueue<Queued> queue = new ArrayBlockingQueue<>(QUEUED_FRAMES);
    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private final AVFrame scaled = av_frame_alloc();
    private final Thread thread;
    private final int nice;
    private @Nullable AVCodecContext encoder;
    private final List<EncodedVideoFrame> frames = new ArrayList<>();
    private long encoderNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile @Nullable Throwable failure;

    /**
     * Builds the rendition's scaler for the pictures {@code input} (a buffer source) describes;
     * call {@link #start}.
     */
    Rung(VideoRendition rendition, String input, boolean fromSource) {
      this.rendition = rendition;
      this.fromSource = fromSource;
      AVFilterGraph built = avfilter_graph_alloc();
      configure(
          built,
          input
              + String.format(
                  Locale.ROOT,
                  ",scale=%d:%d:flags=bicubic,setsar=1,format=yuv420p,buffersink@out",
                  rendition.width(),
                  rendition.height()),
          "scale to " + rendition.name());
      this.graph = built;
      this.source = avfilter_graph_get_filter(built, "buffer@in");
      this.sink = avfilter_graph_get_filter(built, "buffersink@out");
      this.nice = RENDITION_PRIORITIES ? threads.niceFor(plan, rendition) : 0;
      this.thread = new Thread(this, "transcode-" + rendition.name());
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    /**
     * Queues grid frame {@code index}: a new reference to {@code picture}'s buffers, waiting while
     * the queue is full. Throws the rendition's failure if its thread has failed.
     */
    void submit(AVFrame picture, long index) {
      Throwable failed = failure;
      if (failed != null) {
        throw asPipelineFailure(failed, rendition);
      }
      AVFrame frame = av_frame_clone(picture);
      if (frame == null) {
        throw new PipelineException(
            ErrorCode.ENCODE_FAILED, chunkName + ": out of memory queueing a frame");
      }
      frame.pts(index);
      // Segment starts are forced IDR frames (forced-idr), identical in every rendition.
      frame.pict_type(forcedKeyFrames.contains(index) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
      put(new Queued(frame));
    }

    /**
     * Queues a scaled picture of the parent rendition, on the parent's thread. A failed rendition
     * gets nothing more: its failure is its own, reported by {@link #finishRungs}, and must not
     * fail the parent.
     */
    void submitFromParent(AVFrame picture, long index) {
      if (failure == null) {
        submit(picture, index);
      }
    }

    /** Ends the input: the thread flushes the encoder and stops. Idempotent, any thread. */
    void end() {
      if (ended.compareAndSet(false, true)) {
        put(Queued.END);
      }
    }

    private void put(Queued queued) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(queued);
          break;
        } catch (InterruptedException e) {
          // The thread drains its queue whatever happens, so this wait is short; keep the flag.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void join() {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      // Before the encoder opens on this thread, so that x264's threads inherit the value.
      ThreadNice.lower(nice);
      try {
        drain();
      } finally {
        // Whatever happened here: a child's thread ends only when it is told to.
        for (Rung child : children) {
          child.end();
        }
      }
    }

    private void drain() {
      try {
        while (true) {
          Queued queued = take();
          if (queued.frame() == null) {
            for (Rung child : children) {
              child.end(); // before flushing this encoder: the children need nothing more
            }
            break;
          }
          AVFrame frame = queued.frame();
          try {
            if (failure == null) {
              encode(frame);
            }
          } catch (RuntimeException | Error e) {
            failure = e; // keep draining, so the decoding thread never waits on a full queue
          } finally {
            av_frame_free(frame);
          }
        }
        if (failure == null) {
          flush();
        }
      } catch (RuntimeException | Error e) {
        if (failure == null) {
          failure = e;
        }
      }
    }

    private Queued take() {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          // Nothing interrupts these threads on purpose; the queue always ends with END.
        }
      }
    }

    private void encode(AVFrame frame) {
      long index = frame.pts();
      int pictType = frame.pict_type();
      frame.pict_type(AV_PICTURE_TYPE_NONE);
      Av.check(
          av_buffersrc_add_frame_flags(source, frame, 0),
          ErrorCode.ENCODE_FAILED,
          chunkName + ": scale to " + rendition.name());
      int ret = av_buffersink_get_frame(sink, scaled);
      Av.check(ret, ErrorCode.ENCODE_FAILED, chunkName + ": scale to " + rendition.name());
      try {
        for (Rung child : children) {
          child.submitFromParent(scaled, index);
        }
        if (encoder == null) {
          open(scaled);
        }
        scaled.pts(index);
        scaled.pict_type(pictType);
        long started = System.nanoTime();
        Av.check(
            avcodec_send_frame(encoder, scaled),
            ErrorCode.ENCODE_FAILED,
            chunkName + ": encode " + rendition.name());
        receive();
        encoderNanos += System.nanoTime() - started;
      } finally {
        av_frame_unref(scaled);
      }
    }

    private void flush() {
      if (encoder == null) {
        return;
      }
      long started = System.nanoTime();
      Av.check(
          avcodec_send_frame(encoder, null),
          ErrorCode.ENCODE_FAILED,
          chunkName + ": flush " + rendition.name());
      receive();
      encoderNanos += System.nanoTime() - started;
    }

    private void receive() {
      AVPacket out = av_packet_alloc();
      try {
        while (true) {
          int ret = avcodec_receive_packet(encoder, out);
          if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
            return;
          }
          Av.check(ret, ErrorCode.ENCODE_FAILED, chunkName + ": encode " + rendition.name());
          byte[] data = new byte[out.size()];
          out.data().get(data);
          frames.add(new EncodedVideoFrame(data, out.pts(), (out.flags() & AV_PKT_FLAG_KEY) != 0));
          av_packet_unref(out);
        }
      } finally {
        av_packet_free(out);
      }
    }

    private void open(AVFrame first) {
      AVCodec x264 = avcodec_find_encoder_by_name("libx264");
      if (x264 == null) {
        throw new PipelineException(
            ErrorCode.ENCODE_FAILED, "this FFmpeg build has no libx264 encoder");
      }
      AVCodecContext context = avcodec_alloc_context3(x264);
      context.width(rendition.width());
      context.height(rendition.height());
      context.pix_fmt(AV_PIX_FMT_YUV420P);
      context.time_base(Av.q(plan.frameRate().denominator(), plan.frameRate().numerator()));
      context.framerate(Av.q(plan.frameRate().numerator(), plan.frameRate().denominator()));
      context.sample_aspect_ratio(Av.q(1, 1));
      context.gop_size(plan.gopFrames());
      context.bit_rate(rendition.bitrateBitsPerSecond());
      context.rc_max_rate(rendition.maxrateBitsPerSecond());
      context.rc_buffer_size(Math.toIntExact(rendition.bufferSizeBits()));
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      context.thread_count(threads.threadsFor(plan, rendition));
      context.color_range(first.color_range());
      context.color_primaries(first.color_primaries());
      context.color_trc(first.color_trc());
      context.colorspace(first.colorspace());
      context.chroma_sample_location(first.chroma_location());
      AVDictionary options = new AVDictionary(null);
      av_dict_set(options, "preset", rendition.preset(), 0);
      av_dict_set(options, "profile", rendition.profile(), 0);
      av_dict_set(options, "level", rendition.level(), 0);
      av_dict_set(options, "forced-idr", "1", 0);
      av_dict_set(
          options,
          "x264-params",
          "scenecut=0:open-gop=0:keyint=" + plan.gopFrames() + ":min-keyint=" + plan.gopFrames(),
          0);
      try {
        Av.check(
            avcodec_open2(context, x264, options),
            ErrorCode.ENCODE_FAILED,
            chunkName + ": open encoder for " + rendition.name());
      } catch (PipelineException e) {
        avcodec_free_context(context);
        throw e;
      } finally {
        av_dict_free(options);
      }
      encoder = context;
    }

    EncodedTrack track(String chunk, int expectedFrames) {
      if (frames.size() != expectedFrames) {
        throw new PipelineException(
            ErrorCode.SEGMENT_INVARIANT_VIOLATED,
            chunk
                + ": rendition "
                + rendition.name()
                + " has "
                + frames.size()
                + " frames, expected "
                + expectedFrames);
      }
      if (!frames.get(0).keyFrame()) {
        throw new PipelineException(
            ErrorCode.SEGMENT_INVARIANT_VIOLATED,
            chunk + ": rendition " + rendition.name() + " does not start with a key frame");
      }
      byte[] extradata = new byte[encoder.extradata_size()];
      encoder.extradata().get(extradata);
      return new EncodedTrack(rendition, extradata, frames);
    }

    /** Stops the thread if it runs, then frees what it used. */
    void close() {
      if (thread.getState() != Thread.State.NEW) {
        end();
        join();
      }
      Queued left;
      while ((left = queue.poll()) != null) {
        if (left.frame() != null) {
          av_frame_free(left.frame());
        }
      }
      if (encoder != null) {
        avcodec_free_context(encoder);
        encoder = null;
      }
      avfilter_graph_free(graph);
      av_frame_free(scaled);
    }
  }

  @Override
  public void close() {
    // Parents first: a parent's thread ends its children's input when it stops, and a child must
    // not stop while its parent may still queue pictures for it.
    for (Rung rung : rungs) {
      if (rung.fromSource) {
        rung.close();
      }
    }
    for (Rung rung : rungs) {
      if (!rung.fromSource) {
        rung.close();
      }
    }
    if (preGraph != null) {
      avfilter_graph_free(preGraph);
    }
    if (decoder != null) {
      avcodec_free_context(decoder);
    }
    if (input != null) {
      avformat_close_input(input);
    }
    av_frame_free(decoded);
    av_frame_free(filtered);
    av_frame_free(held);
    av_packet_free(packet);
  }
}
