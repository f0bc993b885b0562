package dev.abr.media;

import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Timescales;
import java.time.Duration;

/**
 * How a live source is opened and read: wall-clock timeouts, how much of the stream is probed
 * before the first packet, and when a timestamp jump counts as a discontinuity.
 *
 * @param openTimeout longest wait for the connection (an SRT or RTSP handshake, an SRT caller to
 *     reach our listener, the first UDP datagram) plus probing; positive
 * @param readTimeout longest wait for the next packet once open: a source that sends nothing for
 *     this long fails with {@code SOURCE_UNAVAILABLE}; positive
 * @param probeSizeBytes at most this many bytes are read to find the streams (FFmpeg's {@code
 *     probesize}); at least 32
 * @param analyzeDuration at most this much media is read to find the streams and their parameters
 *     (FFmpeg's {@code analyzeduration}); start-up latency grows with it, but too little can miss a
 *     stream that starts late; positive, 90 kHz
 * @param maxTimestampStep a forward decode-time jump larger than this, within a stream, is a
 *     discontinuity (an encoder restart); a backward jump always is; positive, 90 kHz
 * @param rtspTransport how RTSP carries RTP
 * @param rtpPorts local UDP ports for RTP/RTCP when RTSP uses UDP transport (FFmpeg tries pairs
 *     from the low end up, skipping ports in use)
 * @param limits what the source may declare
 */
public record LiveOptions(
    Duration openTimeout,
    Duration readTimeout,
    long probeSizeBytes,
    MediaTime analyzeDuration,
    MediaTime maxTimestampStep,
    RtspTransport rtspTransport,
    PortRange rtpPorts,
    ProbeLimits limits) {

  /**
   * Opens within 10 s, fails a read after 5 s of silence, probes at most 1 MiB or 1 s of media,
   * treats a forward jump over 10 s as a discontinuity, RTSP over TCP, RTP ports 5000 to 65000
   * (FFmpeg's range), {@link ProbeLimits#DEFAULT}.
   */
  public static final LiveOptions DEFAULT =
      new LiveOptions(
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          1 << 20,
          MediaTime.of(Timescales.SOURCE, Timescales.SOURCE),
          MediaTime.of(10L * Timescales.SOURCE, Timescales.SOURCE),
          RtspTransport.TCP,
          new PortRange(5000, 65000),
          ProbeLimits.DEFAULT);

  /** How RTSP carries the media (FFmpeg's {@code rtsp_transport}). */
  public enum RtspTransport {
    /** RTP interleaved on the RTSP TCP connection: passes firewalls and NAT, no loss. */
    TCP,
    /** RTP and RTCP on UDP port pairs from {@link #rtpPorts()}. */
    UDP
  }

  /**
   * An inclusive range of local UDP ports.
   *
   * @param first lowest port, 1 to 65535
   * @param last highest port, {@code first + 1} to 65535 (RTP needs a pair)
   */
  public record PortRange(int first, int last) {
    public PortRange {
      if (first < 1 || last > 65535 || last <= first) {
        throw new IllegalArgumentException(
            "port range must be 1 <= first < last <= 65535: " + first + "-" + last);
      }
    }
  }

  public LiveOptions {
    requirePositive(openTimeout, "open timeout");
    requirePositive(readTimeout, "read timeout");
    if (probeSizeBytes < 32) {
      throw new IllegalArgumentException("probe size must be at least 32 bytes: " + probeSizeBytes);
    }
    if (analyzeDuration.ticks() <= 0) {
      throw new IllegalArgumentException("analyze duration must be positive: " + analyzeDuration);
    }
    if (maxTimestampStep.ticks() <= 0) {
      throw new IllegalArgumentException(
          "max timestamp step must be positive: " + maxTimestampStep);
    }
  }

  private static void requirePositive(Duration value, String what) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + value);
    }
  }

  /** These options with {@code openTimeout} set to {@code value}. */
  public LiveOptions withOpenTimeout(Duration value) {
    return new LiveOptions(
        value,
        readTimeout,
        probeSizeBytes,
        analyzeDuration,
        maxTimestampStep,
        rtspTransport,
        rtpPorts,
        limits);
  }

  /** These options with {@code readTimeout} set to {@code value}. */
  public LiveOptions withReadTimeout(Duration value) {
    return new LiveOptions(
        openTimeout,
        value,
        probeSizeBytes,
        analyzeDuration,
        maxTimestampStep,
        rtspTransport,
        rtpPorts,
        limits);
  }

  /** These options with {@code analyzeDuration} set to {@code value}. */
  public LiveOptions withAnalyzeDuration(MediaTime value) {
    return new LiveOptions(
        openTimeout,
        readTimeout,
        probeSizeBytes,
        value,
        maxTimestampStep,
        rtspTransport,
        rtpPorts,
        limits);
  }

  /** These options with {@code maxTimestampStep} set to {@code value}. */
  public LiveOptions withMaxTimestampStep(MediaTime value) {
    return new LiveOptions(
        openTimeout,
        readTimeout,
        probeSizeBytes,
        analyzeDuration,
        value,
        rtspTransport,
        rtpPorts,
        limits);
  }

  /** These options with RTSP carried by {@code transport}, on {@code ports} when over UDP. */
  public LiveOptions withRtsp(RtspTransport transport, PortRange ports) {
    return new LiveOptions(
        openTimeout,
        readTimeout,
        probeSizeBytes,
        analyzeDuration,
        maxTimestampStep,
        transport,
        ports,
        limits);
  }
}
