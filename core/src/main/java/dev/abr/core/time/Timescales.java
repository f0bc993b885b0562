package dev.abr.core.time;

/** The timescale rules of STYLE.md §3 rule 4. */
public final class Timescales {
  /** The clock of source timestamps (MPEG-TS, and what ingest converts every source to). */
  public static final int SOURCE = 90_000;

  private Timescales() {}

  /** Audio runs at its sample rate, so an AAC frame is exactly 1024 ticks. */
  public static int forAudio(int sampleRate) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    return sampleRate;
  }

  /**
   * Video runs at the smallest multiple of the frame-rate numerator that is at least 90 000, so
   * every frame duration is a whole number of ticks (25 fps: 90 000; 30000/1001: 90 000;
   * 24000/1001: 96 000; 60000/1001: 120 000).
   */
  public static int forVideo(Rational frameRate) {
    long numerator = frameRate.numerator();
    long multiple = (SOURCE + numerator - 1) / numerator;
    long timescale = Math.multiplyExact(numerator, multiple);
    if (timescale > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "frame rate " + frameRate + " needs too large a timescale");
    }
    return (int) timescale;
  }

  /**
   * Ticks per frame at {@code timescale}; exact when {@code timescale} came from {@link #forVideo}.
   */
  public static long frameDurationTicks(Rational frameRate, int timescale) {
    return frameRate.reciprocal().ticksPer(timescale, java.math.RoundingMode.UNNECESSARY);
  }

  /**
   * Index of the segment that contains {@code decodeTimeTicks} when segments last {@code
   * segmentDurationSeconds}: {@code floor(ticks * den / (num * timescale))}.
   */
  public static long segmentIndex(
      long decodeTimeTicks, int timescale, Rational segmentDurationSeconds) {
    return Math.floorDiv(
        Math.multiplyExact(decodeTimeTicks, segmentDurationSeconds.denominator()),
        Math.multiplyExact(segmentDurationSeconds.numerator(), (long) timescale));
  }
}
