package dev.abr.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class RationalTest {
  @Test
  void parse_fraction_keepsNumeratorAndDenominator() {
    assertThat(Rational.parse("30000/1001")).isEqualTo(new Rational(30000, 1001));
  }

  @Test
  void parse_wholeNumber_hasDenominatorOne() {
    Rational rational = Rational.parse("25");

    assertThat(rational.numerator()).isEqualTo(25);
    assertThat(rational.denominator()).isEqualTo(1);
  }

  @Test
  void parse_decimal_isExactAndReduced() {
    Rational rational = Rational.parse("2.002");

    assertThat(rational.numerator()).isEqualTo(1001);
    assertThat(rational.denominator()).isEqualTo(500);
  }

  @Test
  void parse_decimalWithTrailingZeros_equalsWholeNumber() {
    assertThat(Rational.parse("2.000")).isEqualTo(Rational.of(2));
  }

  @Test
  void parse_surroundingSpaces_areIgnored() {
    assertThat(Rational.parse(" 24000/1001 ")).isEqualTo(Rational.of(24000, 1001));
  }

  @Test
  void parse_zero_isRejected() {
    assertThatThrownBy(() -> Rational.parse("0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rational must be positive: 0/1");
  }

  @Test
  void parse_zeroDenominator_isRejected() {
    assertThatThrownBy(() -> Rational.parse("1/0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rational must be positive: 1/0");
  }

  @Test
  void parse_negative_isRejected() {
    assertThatThrownBy(() -> Rational.parse("-25"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a positive rational number: \"-25\" (write it as 30000/1001, 25 or 2.002)");
  }

  @Test
  void parse_words_areRejected() {
    assertThatThrownBy(() -> Rational.parse("thirty"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a positive rational number: \"thirty\"");
  }

  @Test
  void parse_moreThanSixDecimals_isRejected() {
    assertThatThrownBy(() -> Rational.parse("1.0000001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a positive rational number: \"1.0000001\"");
  }

  @Test
  void of_unreducedFraction_isStoredReduced() {
    Rational rational = Rational.of(60000, 2002);

    assertThat(rational.numerator()).isEqualTo(30000);
    assertThat(rational.denominator()).isEqualTo(1001);
    assertThat(rational).isEqualTo(Rational.of(30000, 1001));
  }

  @Test
  void toString_fraction_isNumeratorSlashDenominator() {
    assertThat(Rational.of(30000, 1001)).hasToString("30000/1001");
  }

  @Test
  void toString_wholeNumber_hasNoDenominator() {
    assertThat(Rational.of(50, 2)).hasToString("25");
  }

  @Test
  void compareTo_ntscAndThirty_ntscIsSmaller() {
    assertThat(Rational.parse("30000/1001")).isLessThan(Rational.of(30));
  }

  @Test
  void compareTo_sameValueWrittenDifferently_isZero() {
    assertThat(Rational.parse("2.002").compareTo(Rational.parse("2002/1000"))).isZero();
  }

  @Test
  void compareTo_crossProductsBeyondLong_isExact() {
    long big = 1_000_000_000_000_000_000L;
    Rational a = Rational.of(big - 1, big);
    Rational b = Rational.of(big - 2, big - 1);

    // (big-1)^2 > (big-2)*big, but both products overflow a long.
    assertThat(a).isGreaterThan(b);
  }

  @Test
  void ticksPer_ntscFramePeriodAt90kHz_isExactly3003() {
    assertThat(Rational.parse("1001/30000").ticksPer(90_000, RoundingMode.UNNECESSARY))
        .isEqualTo(3003);
  }

  @Test
  void ticksPer_oneThirdSecondInMilliseconds_floorRoundsDown() {
    assertThat(Rational.of(1, 3).ticksPer(1000, RoundingMode.FLOOR)).isEqualTo(333);
  }

  @Test
  void ticksPer_oneThirdSecondInMilliseconds_ceilingRoundsUp() {
    assertThat(Rational.of(1, 3).ticksPer(1000, RoundingMode.CEILING)).isEqualTo(334);
  }

  @Test
  void ticksPer_twoThirdsSecondInMilliseconds_halfUpRoundsToNearest() {
    assertThat(Rational.of(2, 3).ticksPer(1000, RoundingMode.HALF_UP)).isEqualTo(667);
  }

  @Test
  void ticksPer_inexactWithUnnecessary_throws() {
    assertThatThrownBy(() -> Rational.of(1, 3).ticksPer(1000, RoundingMode.UNNECESSARY))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void reciprocal_frameRate_isFramePeriod() {
    assertThat(Rational.parse("30000/1001").reciprocal()).isEqualTo(Rational.of(1001, 30000));
  }

  @Test
  void times_gopSecondsByFrameRate_isFramesReduced() {
    assertThat(Rational.of(2).times(Rational.of(30000, 1001))).isEqualTo(Rational.of(60000, 1001));
  }

  @Test
  void toDecimal_ntsc_roundsAsNamed() {
    assertThat(Rational.of(30000, 1001).toDecimal(3, RoundingMode.HALF_UP))
        .isEqualTo(new BigDecimal("29.970"));
  }

  @Test
  void isWhole_wholeAndFraction_tellsThemApart() {
    assertThat(Rational.of(25).isWhole()).isTrue();
    assertThat(Rational.of(30000, 1001).isWhole()).isFalse();
  }
}
