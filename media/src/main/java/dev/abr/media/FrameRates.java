package dev.abr.media;

import dev.abr.core.time.Rational;
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

  private FrameRates() {}

  /**
   * The average rate if plausible, else the real base rate; snapped to a standard rate when within
   * 0.1 % of one (containers often store 29.97 as 2997/100 or a measured average).
   */
  static Optional<Rational> nominal(Optional<Rational> average, Optional<Rational> base) {
    Optional<Rational> chosen =
        average.filter(FrameRates::plausible).or(() -> base.filter(FrameRates::plausible));
    return chosen.map(FrameRates::snap);
  }

  static Rational snap(Rational rate) {
    if (STANDARD.contains(rate)) {
      return rate;
    }
    for (Rational standard : STANDARD) {
      // |rate - standard| <= standard / 5000, in exact integers (29.97 and 30 differ by 1/1000).
      long lhs =
          Math.abs(
                  rate.numerator() * standard.denominator()
                      - standard.numerator() * rate.denominator())
              * 5000;
      long rhs = standard.numerator() * rate.denominator();
      if (lhs <= rhs) {
        return standard;
      }
    }
    return rate;
  }

  private static boolean plausible(Rational rate) {
    return rate.compareTo(Rational.of(1)) >= 0 && rate.compareTo(MAX) <= 0;
  }
}
