package dev.abr.core.time;

import java.math.BigInteger;

/**
 * The constant-rate output frame grid of a video track: frame {@code i} is presented at {@code i *
 * frameDurationTicks} on the track's timescale. Ingest and every transcoder use the same grid, so
 * chunks transcoded independently line up frame-exactly.
 *
 * @param frameRate output frames per second
 * @param timescale the track's timescale ({@link Timescales#forVideo})
 */
public record FrameGrid(Rational frameRate, int timescale) {
  /**
   * Checks the grid.
   *
   * @throws IllegalArgumentException unless {@code timescale} is positive and every frame lasts a
   *     whole number of its ticks
   */
  public FrameGrid {
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale must be positive: " + timescale);
    }
    // A frame lasts den / num seconds = den * timescale / num ticks, which must be whole.
    if (BigInteger.valueOf(frameRate.denominator())
            .multiply(BigInteger.valueOf(timescale))
            .mod(BigInteger.valueOf(frameRate.numerator()))
            .signum()
        != 0) {
      throw new IllegalArgumentException(
          "frames at "
              + frameRate
              + " fps do not last a whole number of ticks at timescale "
              + timescale
              + " (use Timescales.forVideo)");
    }
  }

  /** Returns the grid with the timescale chosen by {@link Timescales#forVideo}. */
  public static FrameGrid of(Rational frameRate) {
    return new FrameGrid(frameRate, Timescales.forVideo(frameRate));
  }

  /** Ticks per frame. */
  public long frameDurationTicks() {
    return Timescales.frameDurationTicks(frameRate, timescale);
  }

  /**
   * Index of the grid frame nearest to {@code time} (ties go to the later frame): {@code floor(time
   * * frameRate + 1/2)}.
   */
  public long nearestIndex(MediaTime time) {
    // time.ticks / time.timescale * num / den + 1/2, floored, in exact integers.
    BigInteger num =
        BigInteger.valueOf(time.ticks())
            .multiply(BigInteger.valueOf(frameRate.numerator()))
            .shiftLeft(1)
            .add(
                BigInteger.valueOf(time.timescale())
                    .multiply(BigInteger.valueOf(frameRate.denominator())));
    BigInteger den =
        BigInteger.valueOf(time.timescale())
            .multiply(BigInteger.valueOf(frameRate.denominator()))
            .shiftLeft(1);
    BigInteger[] qr = num.divideAndRemainder(den);
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return floor.longValueExact();
  }

  /** Presentation time of frame {@code index} on the track's timescale. */
  public MediaTime timeOf(long index) {
    return MediaTime.of(Math.multiplyExact(index, frameDurationTicks()), timescale);
  }
}
