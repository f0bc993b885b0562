package dev.abr.core.ladder;

import dev.abr.core.time.Rational;
import java.math.BigInteger;
import java.util.List;

/**
 * An H.264 level (ITU-T H.264 Table A-1) and the rule that picks the lowest level a rendition fits:
 * frame size, macroblock rate, bit rate and CPB size.
 *
 * @param levelIdc {@code level_idc}, for example 40 for level 4.0 and 31 for level 3.1
 */
public record H264Level(int levelIdc) {
  private record Limits(
      int levelIdc,
      long maxMacroblocksPerSecond,
      long maxFrameSizeMacroblocks,
      long maxBitRate,
      long maxCpb) {}

  // ITU-T H.264 Table A-1: MaxMBPS, MaxFS, MaxBR and MaxCPB (in cpbBrVclFactor units).
  private static final List<Limits> TABLE =
      List.of(
          new Limits(10, 1_485, 99, 64, 175),
          new Limits(11, 3_000, 396, 192, 500),
          new Limits(12, 6_000, 396, 384, 1_000),
          new Limits(13, 11_880, 396, 768, 2_000),
          new Limits(20, 11_880, 396, 2_000, 2_000),
          new Limits(21, 19_800, 792, 4_000, 4_000),
          new Limits(22, 20_250, 1_620, 4_000, 4_000),
          new Limits(30, 40_500, 1_620, 10_000, 10_000),
          new Limits(31, 108_000, 3_600, 14_000, 14_000),
          new Limits(32, 216_000, 5_120, 20_000, 20_000),
          new Limits(40, 245_760, 8_192, 20_000, 25_000),
          new Limits(41, 245_760, 8_192, 50_000, 62_500),
          new Limits(42, 522_240, 8_704, 50_000, 62_500),
          new Limits(50, 589_824, 22_080, 135_000, 135_000),
          new Limits(51, 983_040, 36_864, 240_000, 240_000),
          new Limits(52, 2_073_600, 36_864, 240_000, 240_000),
          new Limits(60, 4_177_920, 139_264, 240_000, 240_000),
          new Limits(61, 8_355_840, 139_264, 480_000, 480_000),
          new Limits(62, 16_711_680, 139_264, 800_000, 800_000));

  /**
   * Returns the lowest level whose limits hold this rendition.
   *
   * @throws IllegalArgumentException if no level does
   */
  public static H264Level pick(
      H264Profile profile,
      int width,
      int height,
      Rational frameRate,
      long maxrateBitsPerSecond,
      long bufferSizeBits) {
    long widthMacroblocks = (width + 15) / 16;
    long heightMacroblocks = (height + 15) / 16;
    long frameSize = widthMacroblocks * heightMacroblocks;
    for (Limits limits : TABLE) {
      long factor = profile.cpbBrVclFactor();
      // Macroblocks per second, rounded up: frameSize * num / den.
      BigInteger rate =
          BigInteger.valueOf(frameSize)
              .multiply(BigInteger.valueOf(frameRate.numerator()))
              .add(BigInteger.valueOf(frameRate.denominator() - 1))
              .divide(BigInteger.valueOf(frameRate.denominator()));
      long side = (long) Math.sqrt(8.0 * limits.maxFrameSizeMacroblocks);
      if (frameSize <= limits.maxFrameSizeMacroblocks
          && widthMacroblocks <= side
          && heightMacroblocks <= side
          && rate.compareTo(BigInteger.valueOf(limits.maxMacroblocksPerSecond)) <= 0
          && maxrateBitsPerSecond <= limits.maxBitRate * factor
          && bufferSizeBits <= limits.maxCpb * factor) {
        return new H264Level(limits.levelIdc);
      }
    }
    throw new IllegalArgumentException(
        "no H.264 level holds "
            + width
            + "x"
            + height
            + " at "
            + frameRate
            + " fps and "
            + maxrateBitsPerSecond
            + " bit/s");
  }

  /** Returns {@code "4.0"}, {@code "3.1"}: the form x264's {@code level} option takes. */
  @Override
  public String toString() {
    return levelIdc / 10 + "." + levelIdc % 10;
  }
}
