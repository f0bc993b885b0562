package dev.abr.media;

import dev.abr.core.time.Rational;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Picks a source's nominal frame rate from what the container says. */
final class FrameRates {
  private static final List<Rational> STANDARD =
      List.of(
          Rational.of(24000, 1001),
          Rational.of(24),
          Rational.of(25),
          Rational.of(30000, 1001),
          Rational.of(30),
          Rational.of(48),
          Rational.of(50),
          Rational.of(60000, 1001),
          Rational.of(60),
          Rational.of(100),
          Rational.of(120000, 1001),
          Rational.of(120),
          Rational.of(15),
          Rational.of(12),
          Rational.of(10));
  private static final Rational MAX = Rational.of(240);

  /**
   * 1/5000 (0.02 %): a stored rate this close to a standard one is that rate written imprecisely.
   * Tighter than half the 0.1 % between 29.97 and 30, so the two are never confused.
   */
  private static final long STORED_TOLERANCE_INVERSE = 5000;

  /**
   * 1/100 (1 %): an average this close to a standard rate is that rate measured over timestamps
   * that jitter (as phones record), or over a clip whose first and last frames are off the grid.
   */
  private static final long MEASURED_TOLERANCE_INVERSE = 100;

  private FrameRates() {}

  /**
   * The nominal rate of a stream, from the container's average rate and FFmpeg's base rate (the
   * lowest rate on whose grid every timestamp falls), taking only plausible rates (1 to 240 per
   * second), in this order:
   *
   * <ol>
   *   <li>the average, when within 0.02 % of a standard rate: that standard rate (constant frame
   *       rate; containers often store 29.97 as 2997/100);
   *   <li>the average, when within 1 % of a standard rate: the nearest one (variable frame rate
   *       around a standard rate);
   *   <li>the base rate, snapped like the average in 1 (mixed rates, say 30 fps then 15 fps: the
   *       base rate, 30, keeps every frame where the average, 22.5, would drop some);
   *   <li>the average as it is (a constant but unusual rate, say 12.5).
   * </ol>
   *
   * Empty when neither rate is plausible.
   */
  static Optional<Rational> nominal(Optional<Rational> average, Optional<Rational> base) {
    Optional<Rational> plausibleAverage = average.filter(FrameRates::plausible);
    return plausibleAverage
        .flatMap(rate -> nearestStandard(rate, STORED_TOLERANCE_INVERSE))
        .or(
            () ->
                plausibleAverage.flatMap(rate -> nearestStandard(rate, MEASURED_TOLERANCE_INVERSE)))
        .or(() -> base.filter(FrameRates::plausible).map(FrameRates::snap))
        .or(() -> plausibleAverage);
  }

  /** {@code rate}, or the standard rate within 0.02 % of it. */
  static Rational snap(Rational rate) {
    return nearestStandard(rate, STORED_TOLERANCE_INVERSE).orElse(rate);
  }

  /** The standard rate nearest to {@code rate} if it is within 1/{@code toleranceInverse} of it. */
  private static Optional<Rational> nearestStandard(Rational rate, long toleranceInverse) {
    if (STANDARD.contains(rate)) {
      return Optional.of(rate);
    }
    Rational nearest = null;
    for (Rational standard : STANDARD) {
      if (deviationWithin(rate, standard, toleranceInverse)
          && (nearest == null || closer(rate, standard, nearest))) {
        nearest = standard;
      }
    }
    return Optional.ofNullable(nearest);
  }

  /** |rate - standard| <= standard / toleranceInverse, in exact integers. */
  private static boolean deviationWithin(Rational rate, Rational standard, long toleranceInverse) {
    return difference(rate, standard)
            .multiply(BigInteger.valueOf(toleranceInverse))
            .compareTo(scale(rate, standard))
        <= 0;
  }

  /** Whether {@code rate} deviates less from {@code a} than from {@code b}, relative to each. */
  private static boolean closer(Rational rate, Rational a, Rational b) {
    // |r - a| / a < |r - b| / b, each side as an integer fraction over (a.num * r.den).
    return difference(rate, a)
            .multiply(scale(rate, b))
            .compareTo(difference(rate, b).multiply(scale(rate, a)))
        < 0;
  }

  /** |rate - standard| * rate.den * standard.den. */
  private static BigInteger difference(Rational rate, Rational standard) {
    return BigInteger.valueOf(rate.numerator())
        .multiply(BigInteger.valueOf(standard.denominator()))
        .subtract(
            BigInteger.valueOf(standard.numerator())
                .multiply(BigInteger.valueOf(rate.denominator())))
        .abs();
  }

  /** standard * rate.den * standard.den. */
  private static BigInteger scale(Rational rate, Rational standard) {
    return BigInteger.valueOf(standard.numerator())
        .multiply(BigInteger.valueOf(rate.denominator()));
  }

  private static boolean plausible(Rational rate) {
    return rate.compareTo(Rational.of(1)) >= 0 && rate.compareTo(MAX) <= 0;
  }
}
