package dev.abr.media;

import java.util.OptionalLong;

/**
 * Unrolls one stream's wrapping container timestamps to a 64-bit timeline and spots real
 * discontinuities. Works in the stream's own time base, where the wrap is exact: MPEG-TS PTS/DTS
 * are 33 bits of 90 kHz (they wrap after 26.5 h, ISO/IEC 13818-1 §2.4.3.7), FLV/RTMP timestamps 32
 * bits of milliseconds (49.7 days), RTP timestamps 32 bits of the payload clock.
 *
 * <p>libavformat corrects one wrap per stream itself ({@code correct_ts_overflow}): it picks a
 * reference 60 s before the first timestamp and adds (or, near the wrap point, subtracts) 2^bits on
 * one side of it. That is right for 2^bits units after the reference only; the next wrap comes out
 * as a backward jump of 2^bits. The RTP demuxer unwraps 32-bit RTP time itself. Either way every
 * value this class sees is congruent to the container's value modulo 2^bits, so it works on
 * differences modulo 2^bits and does not care which correction, if any, libavformat applied.
 *
 * <p>Rule: a decode time is the previous unrolled one plus the difference of the raw values taken
 * in {@code [-2^(bits-1), 2^(bits-1))}: time is assumed to move by less than half the wrap range
 * between two packets of a stream. A wrap is then a small forward step like any other, however many
 * wraps came before. The presentation time is unrolled relative to the packet's decode time the
 * same way, so a PTS that has wrapped while its DTS has not (or the reverse, B-frames around the
 * wrap point) stays a small composition offset. A step backward, or forward by more than the
 * threshold, is a discontinuity (an encoder restart): it is reported, and the new timestamps are
 * used as they come (reduced to the nearest value of the current epoch), never rebased onto the old
 * timeline.
 *
 * <p>Not thread-safe; one instance per stream.
 */
final class TimestampUnroller {
  private final long range;
  private final long half;
  private final long maxForwardStepTicks;
  private boolean started;
  private long lastDts;

  /**
   * @param wrapBits how many bits the container's timestamps have, 1 to 62
   * @param maxForwardStepTicks the largest forward decode-time step that is not a discontinuity, in
   *     the stream's time base; non-negative
   */
  TimestampUnroller(int wrapBits, long maxForwardStepTicks) {
    if (wrapBits < 1 || wrapBits > 62) {
      throw new IllegalArgumentException("wrap bits must be 1 to 62: " + wrapBits);
    }
    if (maxForwardStepTicks < 0) {
      throw new IllegalArgumentException(
          "max forward step must not be negative: " + maxForwardStepTicks);
    }
    this.range = 1L << wrapBits;
    this.half = range >> 1;
    this.maxForwardStepTicks = maxForwardStepTicks;
  }

  /**
   * One packet's timestamps on the unrolled timeline.
   *
   * @param dts decode time, stream time base
   * @param pts presentation time, stream time base
   * @param discontinuity true when the decode time jumped backward or too far forward: the
   *     timestamps of this packet start a new timeline
   */
  record Unrolled(long dts, long pts, boolean discontinuity) {}

  /**
   * Unrolls the next packet of the stream, in decode order.
   *
   * @param dts the packet's decode time as the demuxer gives it
   * @param pts the packet's presentation time as the demuxer gives it
   * @param near for the stream's first packet: a time on the unrolled timeline (another stream's
   *     latest decode time, in this stream's time base) that the first decode time is placed
   *     nearest to, so that streams which start on either side of a wrap agree; when empty the
   *     first decode time is reduced to {@code [0, 2^bits)}. Ignored after the first packet.
   */
  Unrolled next(long dts, long pts, OptionalLong near) {
    long unrolledDts;
    boolean discontinuity = false;
    if (!started) {
      started = true;
      unrolledDts =
          near.isPresent()
              ? near.getAsLong() + shortestStep(dts, near.getAsLong())
              : Math.floorMod(dts, range);
    } else {
      long step = shortestStep(dts, lastDts);
      discontinuity = step < 0 || step > maxForwardStepTicks;
      unrolledDts = lastDts + step;
    }
    lastDts = unrolledDts;
    return new Unrolled(unrolledDts, unrolledDts + shortestStep(pts, dts), discontinuity);
  }

  /** {@code to - from} modulo 2^bits, in {@code [-2^(bits-1), 2^(bits-1))}. */
  private long shortestStep(long to, long from) {
    long step = Math.floorMod(to - from, range);
    return step >= half ? step - range : step;
  }
}
