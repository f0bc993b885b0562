package dev.abr.core.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An exact positive fraction, for example 30000/1001 frames per second or a 2.002 s segment
 * duration. Always stored reduced, so equal values are equal records.
 *
 * @param numerator positive numerator
 * @param denominator positive denominator
 */
public record Rational(long numerator, long denominator) implements Comparable<Rational> {
  private static final Pattern FRACTION = Pattern.compile("([0-9]{1,18})/([0-9]{1,18})");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,6})?");

  public Rational {
    if (numerator <= 0 || denominator <= 0) {
      throw new IllegalArgumentException(
          "a rational must be positive: " + numerator + "/" + denominator);
    }
    long gcd = gcd(numerator, denominator);
    numerator /= gcd;
    denominator /= gcd;
  }

  /** Returns {@code numerator/denominator}, reduced. */
  public static Rational of(long numerator, long denominator) {
    return new Rational(numerator, denominator);
  }

  /** Returns the whole number {@code value}. */
  public static Rational of(long value) {
    return new Rational(value, 1);
  }

  /**
   * Parses {@code "30000/1001"}, {@code "25"} or {@code "2.002"}.
   *
   * @throws IllegalArgumentException if the text is not one of those forms or not positive
   */
  @JsonCreator
  public static Rational parse(String text) {
    String trimmed = text.trim();
    var fraction = FRACTION.matcher(trimmed);
    if (fraction.matches()) {
      return new Rational(Long.parseLong(fraction.group(1)), Long.parseLong(fraction.group(2)));
    }
    if (DECIMAL.matcher(trimmed).matches()) {
      BigDecimal decimal = new BigDecimal(trimmed);
      BigInteger unscaled = decimal.unscaledValue();
      BigInteger scale = BigInteger.TEN.pow(Math.max(decimal.scale(), 0));
      return new Rational(unscaled.longValueExact(), scale.longValueExact());
    }
    throw new IllegalArgumentException(
        "not a positive rational number: \"" + text + "\" (write it as 30000/1001, 25 or 2.002)");
  }

  /**
   * Returns how many ticks of a clock at {@code timescale} ticks per second this many seconds
   * spans, for example the frame duration when this is a frame period.
   */
  public long ticksPer(int timescale, RoundingMode rounding) {
    return Ticks.divide(
        BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(timescale)),
        BigInteger.valueOf(denominator),
        rounding);
  }

  /** Returns {@code 1 / this}. */
  public Rational reciprocal() {
    return new Rational(denominator, numerator);
  }

  /** Returns {@code this * factor}. */
  public Rational times(Rational factor) {
    return new Rational(
        Math.multiplyExact(numerator, factor.numerator),
        Math.multiplyExact(denominator, factor.denominator));
  }

  /** Returns the value as a decimal with {@code decimals} digits after the point, for writers. */
  public BigDecimal toDecimal(int decimals, RoundingMode rounding) {
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), decimals, rounding);
  }

  /** Returns true if the denominator is 1. */
  public boolean isWhole() {
    return denominator == 1;
  }

  @Override
  public int compareTo(Rational other) {
    return BigInteger.valueOf(numerator)
        .multiply(BigInteger.valueOf(other.denominator))
        .compareTo(BigInteger.valueOf(other.numerator).multiply(BigInteger.valueOf(denominator)));
  }

  /** Returns {@code "30000/1001"}, or {@code "25"} for whole numbers. */
  @JsonValue
  @Override
  public String toString() {
    return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
