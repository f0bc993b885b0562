package dev.abr.core.time;

import java.math.BigInteger;
import java.math.RoundingMode;

/** Exact integer arithmetic on tick counts: rescaling between timescales with a named rounding. */
public final class Ticks {
  private Ticks() {}

  /**
   * Converts {@code ticks} on a {@code fromTimescale} clock to a {@code toTimescale} clock.
   *
   * @throws ArithmeticException if the result does not fit in a long
   */
  public static long rescale(
      long ticks, long fromTimescale, long toTimescale, RoundingMode rounding) {
    if (fromTimescale == toTimescale) {
      return ticks;
    }
    return divide(
        BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(toTimescale)),
        BigInteger.valueOf(fromTimescale),
        rounding);
  }

  static long divide(BigInteger dividend, BigInteger divisor, RoundingMode rounding) {
    BigInteger[] qr = dividend.divideAndRemainder(divisor);
    BigInteger quotient = qr[0];
    if (qr[1].signum() != 0) {
      boolean negative = dividend.signum() * divisor.signum() < 0;
      int twiceRemainderVsDivisor = qr[1].abs().shiftLeft(1).compareTo(divisor.abs());
      boolean awayFromZero =
          switch (rounding) {
            case UP -> true;
            case DOWN -> false;
            case CEILING -> !negative;
            case FLOOR -> negative;
            case HALF_UP -> twiceRemainderVsDivisor >= 0;
            case HALF_DOWN -> twiceRemainderVsDivisor > 0;
            case HALF_EVEN ->
                twiceRemainderVsDivisor > 0
                    || (twiceRemainderVsDivisor == 0 && quotient.testBit(0));
            case UNNECESSARY ->
                throw new ArithmeticException(
                    "rounding needed for " + dividend + "/" + divisor + " but UNNECESSARY given");
          };
      if (awayFromZero) {
        quotient = negative ? quotient.subtract(BigInteger.ONE) : quotient.add(BigInteger.ONE);
      }
    }
    return quotient.longValueExact();
  }
}
