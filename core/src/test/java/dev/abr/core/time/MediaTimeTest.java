package dev.abr.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class MediaTimeTest {
  @Test
  void plus_sameTimescale_addsTicks() {
    assertThat(MediaTime.of(3003, 90_000).plus(MediaTime.of(6006, 90_000)))
        .isEqualTo(MediaTime.of(9009, 90_000));
  }

  @Test
  void plus_differentTimescales_throwsNamingBoth() {
    assertThatThrownBy(() -> MediaTime.of(1, 90_000).plus(MediaTime.of(1, 48_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timescales differ: 1/90000 and 1/48000 (rescale one of them first)");
  }

  @Test
  void minus_sameTimescale_mayGoNegative() {
    assertThat(MediaTime.of(1000, 48_000).minus(MediaTime.of(1024, 48_000)))
        .isEqualTo(MediaTime.of(-24, 48_000));
  }

  @Test
  void minus_differentTimescales_throws() {
    assertThatThrownBy(() -> MediaTime.of(1, 90_000).minus(MediaTime.of(1, 1000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("timescales differ");
  }

  @Test
  void plus_beyondLong_throwsArithmeticException() {
    assertThatThrownBy(() -> MediaTime.of(Long.MAX_VALUE, 1).plus(MediaTime.of(1, 1)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void constructor_zeroTimescale_isRejected() {
    assertThatThrownBy(() -> MediaTime.of(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timescale must be positive: 0");
  }

  @Test
  void rescale_exact_keepsTheInstant() {
    assertThat(MediaTime.of(180_000, 90_000).rescale(96_000, RoundingMode.UNNECESSARY))
        .isEqualTo(MediaTime.of(192_000, 96_000));
  }

  @Test
  void rescale_inexactPositive_floorRoundsDown() {
    // 1/90000 s is 0.533 ticks of 1/48000 s.
    assertThat(MediaTime.of(1, 90_000).rescale(48_000, RoundingMode.FLOOR))
        .isEqualTo(MediaTime.of(0, 48_000));
  }

  @Test
  void rescale_inexactPositive_ceilingRoundsUp() {
    assertThat(MediaTime.of(1, 90_000).rescale(48_000, RoundingMode.CEILING))
        .isEqualTo(MediaTime.of(1, 48_000));
  }

  @Test
  void rescale_inexactNegative_floorRoundsTowardMinusInfinity() {
    assertThat(MediaTime.of(-1, 90_000).rescale(48_000, RoundingMode.FLOOR))
        .isEqualTo(MediaTime.of(-1, 48_000));
  }

  @Test
  void rescale_inexactNegative_downRoundsTowardZero() {
    assertThat(MediaTime.of(-1, 90_000).rescale(48_000, RoundingMode.DOWN))
        .isEqualTo(MediaTime.of(0, 48_000));
  }

  @Test
  void rescale_inexactNegative_ceilingRoundsTowardZero() {
    assertThat(MediaTime.of(-1, 90_000).rescale(48_000, RoundingMode.CEILING))
        .isEqualTo(MediaTime.of(0, 48_000));
  }

  @Test
  void rescale_negativeTie_halfUpRoundsAwayFromZero() {
    // -3/2 s on a 1 Hz clock is -1.5 ticks.
    assertThat(MediaTime.of(-3, 2).rescale(1, RoundingMode.HALF_UP)).isEqualTo(MediaTime.of(-2, 1));
  }

  @Test
  void rescale_negativeTie_halfDownRoundsTowardZero() {
    assertThat(MediaTime.of(-3, 2).rescale(1, RoundingMode.HALF_DOWN))
        .isEqualTo(MediaTime.of(-1, 1));
  }

  @Test
  void rescale_negativeTie_halfEvenRoundsToEven() {
    assertThat(MediaTime.of(-3, 2).rescale(1, RoundingMode.HALF_EVEN))
        .isEqualTo(MediaTime.of(-2, 1));
    assertThat(MediaTime.of(-5, 2).rescale(1, RoundingMode.HALF_EVEN))
        .isEqualTo(MediaTime.of(-2, 1));
  }

  @Test
  void rescale_inexactWithUnnecessary_throws() {
    assertThatThrownBy(() -> MediaTime.of(1, 90_000).rescale(48_000, RoundingMode.UNNECESSARY))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void ticksAt_otherTimescale_returnsRoundedTicks() {
    assertThat(MediaTime.of(3003, 90_000).ticksAt(1000, RoundingMode.HALF_UP)).isEqualTo(33);
  }

  @Test
  void compareTo_sameInstantOnDifferentTimescales_isZero() {
    assertThat(MediaTime.of(3003, 90_000).compareTo(MediaTime.of(1001, 30_000))).isZero();
  }

  @Test
  void equals_sameInstantOnDifferentTimescales_isFalse() {
    assertThat(MediaTime.of(3003, 90_000)).isNotEqualTo(MediaTime.of(1001, 30_000));
  }

  @Test
  void compareTo_acrossTimescales_ordersExactly() {
    // 3003/90000 = 0.0333667 s; 1602/48000 = 0.033375 s.
    assertThat(MediaTime.of(3003, 90_000)).isLessThan(MediaTime.of(1602, 48_000));
  }

  @Test
  void compareTo_negativeAndPositive_negativeIsSmaller() {
    assertThat(MediaTime.of(-1, 48_000)).isLessThan(MediaTime.of(0, 90_000));
  }

  @Test
  void compareTo_crossProductsBeyondLong_isExact() {
    MediaTime a = MediaTime.of(Long.MAX_VALUE, 90_000);
    MediaTime b = MediaTime.of(Long.MAX_VALUE - 1, 89_999);

    // a = MAX/90000 < (MAX-1)/89999 = b, but the products overflow a long.
    assertThat(a).isLessThan(b);
  }

  @Test
  void toSeconds_ntscFrame_roundsToDecimals() {
    assertThat(MediaTime.of(3003, 90_000).toSeconds(6, RoundingMode.HALF_UP))
        .isEqualTo(new BigDecimal("0.033367"));
  }

  @Test
  void toSeconds_negative_floorRoundsTowardMinusInfinity() {
    assertThat(MediaTime.of(-3003, 90_000).toSeconds(6, RoundingMode.FLOOR))
        .isEqualTo(new BigDecimal("-0.033367"));
  }

  @Test
  void toSeconds_wholeSeconds_keepsTrailingZeros() {
    assertThat(MediaTime.of(180_000, 90_000).toSeconds(3, RoundingMode.UNNECESSARY))
        .isEqualTo(new BigDecimal("2.000"));
  }

  @Test
  void toString_negative_isTicksSlashTimescale() {
    assertThat(MediaTime.of(-180_000, 90_000)).hasToString("-180000/90000");
  }

  @Test
  void parse_toStringOutput_returnsEqualTime() {
    MediaTime time = MediaTime.of(-180_000, 90_000);

    assertThat(MediaTime.parse(time.toString())).isEqualTo(time);
  }

  @Test
  void parse_zeroTimescale_isRejected() {
    assertThatThrownBy(() -> MediaTime.parse("1/0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timescale must be positive: 0");
  }

  @Test
  void parse_seconds_isRejectedWithExample() {
    assertThatThrownBy(() -> MediaTime.parse("2.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a media time: \"2.5\" (expected ticks/timescale such as 180000/90000)");
  }

  @Test
  void parse_ticksBeyondLong_isRejectedAsOutOfRange() {
    assertThatThrownBy(() -> MediaTime.parse("9999999999999999999/90000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("media time \"9999999999999999999/90000\" is out of range");
  }

  @Test
  void parse_timescaleBeyondInt_isRejectedAsOutOfRange() {
    assertThatThrownBy(() -> MediaTime.parse("1/4000000000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("media time \"1/4000000000\" is out of range");
  }
}
