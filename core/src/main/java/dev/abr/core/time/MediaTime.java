package dev.abr.core.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An exact point or span on a clock that runs at {@code timescale} ticks per second. Its text form
 * is {@code "ticks/timescale"}, for example {@code "180000/90000"}.
 *
 * @param ticks signed tick count
 * @param timescale ticks per second, positive
 */
public record MediaTime(long ticks, int timescale) implements Comparable<MediaTime> {
  private static final Pattern TEXT = Pattern.compile("(-?[0-9]{1,19})/([0-9]{1,10})");

  public MediaTime {
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale must be positive: " + timescale);
    }
  }

  /** Returns {@code ticks} at {@code timescale}. */
  public static MediaTime of(long ticks, int timescale) {
    return new MediaTime(ticks, timescale);
  }

  /** Returns zero at {@code timescale}. */
  public static MediaTime zero(int timescale) {
    return new MediaTime(0, timescale);
  }

  /**
   * Parses the {@code "ticks/timescale"} form written by {@link #toString()}.
   *
   * @throws IllegalArgumentException if {@code text} is not in that form, out of range, or has a
   *     timescale of 0
   */
  @JsonCreator
  public static MediaTime parse(String text) {
    var m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a media time: \"" + text + "\" (expected ticks/timescale such as 180000/90000)");
    }
    try {
      return new MediaTime(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "media time \""
              + text
              + "\" is out of range (ticks must fit in 64 bits, the timescale in 31)",
          e);
    }
  }

  /** Returns the sum; both must have the same timescale. */
  public MediaTime plus(MediaTime other) {
    checkSameTimescale(other);
    return new MediaTime(Math.addExact(ticks, other.ticks), timescale);
  }

  /** Returns the difference; both must have the same timescale. */
  public MediaTime minus(MediaTime other) {
    checkSameTimescale(other);
    return new MediaTime(Math.subtractExact(ticks, other.ticks), timescale);
  }

  /** Returns this time on a clock at {@code newTimescale}, rounded as given. */
  public MediaTime rescale(int newTimescale, RoundingMode rounding) {
    return new MediaTime(Ticks.rescale(ticks, timescale, newTimescale, rounding), newTimescale);
  }

  /** Returns the tick count on a clock at {@code newTimescale}, rounded as given. */
  public long ticksAt(int newTimescale, RoundingMode rounding) {
    return Ticks.rescale(ticks, timescale, newTimescale, rounding);
  }

  /** Returns true if this is negative. */
  public boolean isNegative() {
    return ticks < 0;
  }

  /**
   * Compares exactly by cross-multiplication, whatever the timescales. Consistent with {@code
   * equals} only for equal timescales: {@code 1/2} and {@code 45000/90000} compare as equal but are
   * not equal records.
   */
  @Override
  public int compareTo(MediaTime other) {
    return BigInteger.valueOf(ticks)
        .multiply(BigInteger.valueOf(other.timescale))
        .compareTo(BigInteger.valueOf(other.ticks).multiply(BigInteger.valueOf(timescale)));
  }

  /** Returns seconds with {@code decimals} digits after the point; for writers only. */
  public BigDecimal toSeconds(int decimals, RoundingMode rounding) {
    return BigDecimal.valueOf(ticks).divide(BigDecimal.valueOf(timescale), decimals, rounding);
  }

  /** Returns {@code "ticks/timescale"}. */
  @JsonValue
  @Override
  public String toString() {
    return ticks + "/" + timescale;
  }

  private void checkSameTimescale(MediaTime other) {
    if (other.timescale != timescale) {
      throw new IllegalArgumentException(
          "timescales differ: " + this + " and " + other + " (rescale one of them first)");
    }
  }
}
