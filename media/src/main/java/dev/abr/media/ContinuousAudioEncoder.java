package dev.abr.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
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
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_check;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_freep;
import static org.bytedeco.ffmpeg.global.avutil.av_get_bytes_per_sample;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.time.Ticks;
import dev.abr.core.time.Timescales;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a source's audio and encodes it once, continuously, to AAC-LC, so the output has no
 * priming silence or overlap at segment boundaries: segments are later cut at AAC frame boundaries.
 * Output sample 0 is the stream's zero (the first video key frame); source audio before it is
 * trimmed, a late start is padded with silence, and gaps or overlaps of more than {@value
 * #TOLERANCE_MILLIS} ms in the source timestamps are filled with silence or trimmed, so audio stays
 * in sync with video.
 *
 * <p>The encoder's priming frame (the first packet, before sample 0) is dropped: every frame keeps
 * its true position, and only the very first frame of the stream decodes without its predecessor.
 */
public final class ContinuousAudioEncoder implements AutoCloseable {
  /** Samples per AAC-LC frame. */
  public static final int FRAME_SAMPLES = 1024;

  static final int TOLERANCE_MILLIS = 20;

  private final String name;
  private final AVStream stream;
  private final AudioPlan plan;
  private long zeroTicks;
  private boolean zeroKnown;
  private final AVCodecContext decoder;
  private final AVCodecContext encoder;
  private final SwrContext resampler;
  private final AVAudioFifo fifo;
  private final AVFrame decoded = av_frame_alloc();
  private final AVFrame toEncode = av_frame_alloc();
  private final AVPacket encodedPacket = av_packet_alloc();
  private final int inputRate;
  private final int inputFormat;
  private final int inputChannels;
  private long nextInputSample = Long.MIN_VALUE;
  private long samplesSentToEncoder;
  private boolean finished;
  private boolean closed;

  private ContinuousAudioEncoder(
      MediaSource source, AudioPlan plan, java.util.OptionalLong zeroTicks) {
    this.name = source.name();
    this.stream = source.audioStream();
    if (stream == null) {
      throw new IllegalStateException(source.name() + " has no audio stream");
    }
    this.plan = plan;
    this.zeroTicks = zeroTicks.orElse(0);
    this.zeroKnown = zeroTicks.isPresent();
    AVCodec decoderCodec = avcodec_find_decoder(stream.codecpar().codec_id());
    decoder = avcodec_alloc_context3(decoderCodec);
    AVCodecContext encoderContext = null;
    SwrContext swr = null;
    AVAudioFifo audioFifo = null;
    try {
      Av.check(
          avcodec_parameters_to_context(decoder, stream.codecpar()),
          ErrorCode.DECODE_FAILED,
          name + ": audio decoder parameters");
      decoder.pkt_timebase(stream.time_base());
      Av.check(
          avcodec_open2(decoder, decoderCodec, (AVDictionary) null),
          ErrorCode.DECODE_FAILED,
          name + ": open audio decoder");
      inputRate = decoder.sample_rate();
      inputFormat = decoder.sample_fmt();
      if (av_channel_layout_check(decoder.ch_layout()) == 0
          || decoder.ch_layout().order() == 0 /* UNSPEC */) {
        int channels = decoder.ch_layout().nb_channels();
        av_channel_layout_default(decoder.ch_layout(), channels);
      }
      inputChannels = decoder.ch_layout().nb_channels();

      AVCodec aac = avcodec_find_encoder_by_name("aac");
      encoderContext = avcodec_alloc_context3(aac);
      encoderContext.sample_fmt(AV_SAMPLE_FMT_FLTP);
      encoderContext.sample_rate(plan.sampleRate());
      av_channel_layout_default(encoderContext.ch_layout(), plan.channels());
      encoderContext.bit_rate(plan.bitrateBitsPerSecond());
      encoderContext.time_base(Av.q(1, plan.sampleRate()));
      encoderContext.flags(encoderContext.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      // FFmpeg's AAC encoder with perceptual noise substitution on swells a steady tone by
      // about 1.5x for ~30 ms now and then (measured: 16.26 s into a 997 Hz tone at 128k);
      // at ladder bit rates PNS buys nothing audible, so it is off.
      AVDictionary encoderOptions = new AVDictionary(null);
      av_dict_set(encoderOptions, "aac_pns", "0", 0);
      try {
        Av.check(
            avcodec_open2(encoderContext, aac, encoderOptions),
            ErrorCode.ENCODE_FAILED,
            name + ": open AAC encoder");
      } finally {
        av_dict_free(encoderOptions);
      }
      if (encoderContext.frame_size() != FRAME_SAMPLES) {
        throw new PipelineException(
            ErrorCode.ENCODE_FAILED, "AAC encoder frame size is " + encoderContext.frame_size());
      }

      swr = new SwrContext(null);
      Av.check(
          swr_alloc_set_opts2(
              swr,
              encoderContext.ch_layout(),
              AV_SAMPLE_FMT_FLTP,
              plan.sampleRate(),
              decoder.ch_layout(),
              inputFormat,
              inputRate,
              0,
              null),
          ErrorCode.DECODE_FAILED,
          name + ": configure resampler");
      Av.check(swr_init(swr), ErrorCode.DECODE_FAILED, name + ": start resampler");
      audioFifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, plan.channels(), 8 * FRAME_SAMPLES);
    } catch (RuntimeException e) {
      avcodec_free_context(decoder);
      if (encoderContext != null) {
        avcodec_free_context(encoderContext);
      }
      if (swr != null) {
        swr_free(swr);
      }
      throw e;
    }
    encoder = encoderContext;
    resampler = swr;
    fifo = audioFifo;
  }

  /**
   * Starts encoding {@code source}'s audio.
   *
   * @param zeroTicks source time (90 kHz) of output sample 0
   */
  public static ContinuousAudioEncoder open(MediaSource source, AudioPlan plan, long zeroTicks) {
    Av.init();
    return new ContinuousAudioEncoder(source, plan, java.util.OptionalLong.of(zeroTicks));
  }

  /**
   * Starts encoding {@code source}'s audio with output sample 0 at the first decoded sample (for
   * audio-only sources: the first packet's timestamp may include encoder priming that the decoder
   * drops).
   */
  public static ContinuousAudioEncoder openAtFirstSample(MediaSource source, AudioPlan plan) {
    Av.init();
    return new ContinuousAudioEncoder(source, plan, java.util.OptionalLong.empty());
  }

  /**
   * Source time (90 kHz) of output sample 0; for {@link #openAtFirstSample}, known once a frame has
   * been decoded (empty before).
   */
  public java.util.OptionalLong zeroTicks() {
    return zeroKnown ? java.util.OptionalLong.of(zeroTicks) : java.util.OptionalLong.empty();
  }

  /** The AudioSpecificConfig (ISO/IEC 14496-3) of the encoded track. */
  public byte[] audioSpecificConfig() {
    byte[] config = new byte[encoder.extradata_size()];
    encoder.extradata().get(config);
    return config;
  }

  /** Decodes one audio packet and returns the AAC frames completed so far (possibly none). */
  public List<EncodedAudioFrame> accept(SourcePacket packet) {
    if (packet.kind() != TrackKind.AUDIO) {
      throw new IllegalArgumentException("not an audio packet: " + packet);
    }
    List<EncodedAudioFrame> out = new ArrayList<>();
    int ret = avcodec_send_packet(decoder, packet.packet());
    if (ret < 0 && ret != AVERROR_EAGAIN()) {
      // A corrupt audio packet: skip it, the timestamp tracking fills the gap with silence.
      return out;
    }
    drainDecoder(out);
    return out;
  }

  /**
   * Flushes decoder, resampler and encoder and returns the last frames. When the source audio ended
   * before {@code minimumSamples} output samples (for example audio shorter than video), silence is
   * added up to there. Call once.
   */
  public List<EncodedAudioFrame> finish(long minimumSamples) {
    if (finished) {
      throw new IllegalStateException("finish() already called");
    }
    finished = true;
    List<EncodedAudioFrame> out = new ArrayList<>();
    avcodec_send_packet(decoder, (AVPacket) null);
    drainDecoder(out);
    // Flush the resampler's delay.
    resample(null, 0, 0, out);
    long produced = samplesSentToEncoder + av_audio_fifo_size(fifo);
    if (produced < minimumSamples) {
      writeSilence(minimumSamples - produced, out);
    }
    int remaining = av_audio_fifo_size(fifo);
    if (remaining > 0) {
      encodeFromFifo(remaining, out);
    }
    Av.check(
        avcodec_send_frame(encoder, null), ErrorCode.ENCODE_FAILED, name + ": flush AAC encoder");
    receivePackets(out);
    return out;
  }

  private void writeSilence(long count, List<EncodedAudioFrame> out) {
    while (count > 0) {
      int chunk = (int) Math.min(count, FRAME_SAMPLES);
      try (PointerPointer<BytePointer> planes = new PointerPointer<>(plan.channels());
          IntPointer lineSize = new IntPointer(1)) {
        Av.check(
            av_samples_alloc(planes, lineSize, plan.channels(), chunk, AV_SAMPLE_FMT_FLTP, 0),
            ErrorCode.ENCODE_FAILED,
            "allocate silence");
        try {
          av_samples_set_silence(planes, 0, chunk, plan.channels(), AV_SAMPLE_FMT_FLTP);
          Av.check(
              av_audio_fifo_write(fifo, planes, chunk), ErrorCode.ENCODE_FAILED, "buffer silence");
        } finally {
          av_freep(planes);
        }
      }
      count -= chunk;
      while (av_audio_fifo_size(fifo) >= FRAME_SAMPLES) {
        encodeFromFifo(FRAME_SAMPLES, out);
      }
    }
  }

  private void drainDecoder(List<EncodedAudioFrame> out) {
    while (true) {
      int ret = avcodec_receive_frame(decoder, decoded);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      if (ret < 0) {
        return;
      }
      try {
        place(decoded, out);
      } finally {
        av_frame_unref(decoded);
      }
    }
  }

  /** Aligns a decoded frame with the output timeline (trim or pad) and feeds the resampler. */
  private void place(AVFrame frame, List<EncodedAudioFrame> out) {
    int samples = frame.nb_samples();
    long pts =
        frame.best_effort_timestamp() != AV_NOPTS_VALUE
            ? frame.best_effort_timestamp()
            : frame.pts();
    long startSample;
    if (pts == AV_NOPTS_VALUE) {
      startSample = nextInputSample == Long.MIN_VALUE ? 0 : nextInputSample;
    } else {
      long ticks =
          Ticks.rescale(
              Math.multiplyExact(pts, (long) stream.time_base().num()),
              stream.time_base().den(),
              Timescales.SOURCE,
              RoundingMode.HALF_UP);
      if (!zeroKnown) {
        zeroTicks = ticks;
        zeroKnown = true;
      }
      startSample =
          Ticks.rescale(ticks - zeroTicks, Timescales.SOURCE, inputRate, RoundingMode.HALF_UP);
    }
    long tolerance =
        nextInputSample == Long.MIN_VALUE ? 0 : (long) inputRate * TOLERANCE_MILLIS / 1000;
    long expected = nextInputSample == Long.MIN_VALUE ? 0 : nextInputSample;
    long drift = startSample - expected;
    int skip = 0;
    if (drift > tolerance) {
      // Gap (or a late first frame): fill with silence so later audio stays in sync.
      long silence = drift;
      while (silence > 0) {
        int chunk = (int) Math.min(silence, 48_000);
        feedSilence(chunk, out);
        silence -= chunk;
      }
      expected += drift;
    } else if (drift < -tolerance) {
      // Overlap (or audio before the stream's zero): drop the samples already covered.
      long overlap = -drift;
      if (overlap >= samples) {
        nextInputSample = expected;
        return;
      }
      skip = (int) overlap;
    }
    resample(frame, skip, samples - skip, out);
    nextInputSample = expected + (samples - skip);
  }

  private void feedSilence(int count, List<EncodedAudioFrame> out) {
    AVFrame silence = av_frame_alloc();
    try {
      silence.format(inputFormat);
      silence.sample_rate(inputRate);
      av_channel_layout_copy(silence.ch_layout(), decoder.ch_layout());
      silence.nb_samples(count);
      Av.check(av_frame_get_buffer(silence, 0), ErrorCode.DECODE_FAILED, "allocate silence");
      av_samples_set_silence(silence.extended_data(), 0, count, inputChannels, inputFormat);
      resample(silence, 0, count, out);
    } finally {
      av_frame_free(silence);
    }
  }

  /** Converts {@code count} samples of {@code frame} from {@code offset} (null flushes). */
  private void resample(AVFrame frame, int offset, int count, List<EncodedAudioFrame> out) {
    int capacity = swr_get_out_samples(resampler, count) + 64;
    try (PointerPointer<BytePointer> outPlanes = new PointerPointer<>(plan.channels());
        IntPointer lineSize = new IntPointer(1)) {
      Av.check(
          av_samples_alloc(outPlanes, lineSize, plan.channels(), capacity, AV_SAMPLE_FMT_FLTP, 0),
          ErrorCode.DECODE_FAILED,
          "allocate resampler output");
      try {
        int converted;
        if (frame == null) {
          converted = swr_convert(resampler, outPlanes, capacity, (PointerPointer<?>) null, 0);
        } else {
          try (PointerPointer<Pointer> inPlanes = inputPlanes(frame, offset)) {
            converted = swr_convert(resampler, outPlanes, capacity, inPlanes, count);
          }
        }
        Av.check(converted, ErrorCode.DECODE_FAILED, name + ": resample audio");
        if (converted > 0) {
          Av.check(
              av_audio_fifo_write(fifo, outPlanes, converted),
              ErrorCode.DECODE_FAILED,
              "buffer audio");
        }
      } finally {
        av_freep(outPlanes);
      }
    }
    while (av_audio_fifo_size(fifo) >= FRAME_SAMPLES) {
      encodeFromFifo(FRAME_SAMPLES, out);
    }
  }

  private PointerPointer<Pointer> inputPlanes(AVFrame frame, int offset) {
    int bytesPerSample = av_get_bytes_per_sample(inputFormat);
    boolean planar = av_sample_fmt_is_planar(inputFormat) != 0;
    int planeCount = planar ? inputChannels : 1;
    long offsetBytes = (long) offset * bytesPerSample * (planar ? 1 : inputChannels);
    PointerPointer<Pointer> planes = new PointerPointer<>(planeCount);
    for (int p = 0; p < planeCount; p++) {
      BytePointer plane = new BytePointer(frame.extended_data(p));
      planes.put(p, plane.position(offsetBytes));
    }
    return planes;
  }

  private void encodeFromFifo(int count, List<EncodedAudioFrame> out) {
    toEncode.nb_samples(count);
    toEncode.format(AV_SAMPLE_FMT_FLTP);
    toEncode.sample_rate(plan.sampleRate());
    av_channel_layout_copy(toEncode.ch_layout(), encoder.ch_layout());
    Av.check(av_frame_get_buffer(toEncode, 0), ErrorCode.ENCODE_FAILED, "allocate AAC input frame");
    try {
      int read = av_audio_fifo_read(fifo, toEncode.data(), count);
      if (read != count) {
        throw new PipelineException(
            ErrorCode.ENCODE_FAILED, "audio buffer returned " + read + " of " + count + " samples");
      }
      toEncode.pts(samplesSentToEncoder);
      samplesSentToEncoder += count;
      Av.check(
          avcodec_send_frame(encoder, toEncode), ErrorCode.ENCODE_FAILED, name + ": encode AAC");
    } finally {
      av_frame_unref(toEncode);
    }
    receivePackets(out);
  }

  private void receivePackets(List<EncodedAudioFrame> out) {
    while (true) {
      int ret = avcodec_receive_packet(encoder, encodedPacket);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      Av.check(ret, ErrorCode.ENCODE_FAILED, name + ": receive AAC packet");
      try {
        long pts = encodedPacket.pts();
        if (pts < 0) {
          continue; // the priming frame
        }
        if (pts % FRAME_SAMPLES != 0) {
          throw new PipelineException(
              ErrorCode.ENCODE_FAILED, "AAC packet at sample " + pts + " is off the 1024 grid");
        }
        byte[] data = new byte[encodedPacket.size()];
        encodedPacket.data().get(data);
        out.add(new EncodedAudioFrame(pts / FRAME_SAMPLES, data));
      } finally {
        av_packet_unref(encodedPacket);
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      avcodec_free_context(decoder);
      avcodec_free_context(encoder);
      swr_free(resampler);
      av_audio_fifo_free(fifo);
      av_frame_free(decoded);
      av_frame_free(toEncode);
      av_packet_free(encodedPacket);
    }
  }
}
