package dev.abr.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TicksTest {
  @Test
  void rescale_sameTimescale_returnsTicksUnchanged() {
    assertThat(Ticks.rescale(Long.MIN_VALUE, 90_000, 90_000, RoundingMode.UNNECESSARY))
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void rescale_intermediateProductBeyondLong_isExact() {
    // 4e18 * 45000 does not fit in a long; the result 2e18 does.
    assertThat(Ticks.rescale(4_000_000_000_000_000_000L, 90_000, 45_000, RoundingMode.UNNECESSARY))
        .isEqualTo(2_000_000_000_000_000_000L);
  }

  @Test
  void rescale_mostNegativeTicks_floorsExactly() {
    assertThat(Ticks.rescale(Long.MIN_VALUE, 90_000, 48_000, RoundingMode.FLOOR))
        .isEqualTo(-4_919_131_752_989_213_765L);
  }

  @Test
  void rescale_mostNegativeTicks_ceilingRoundsTowardZero() {
    assertThat(Ticks.rescale(Long.MIN_VALUE, 90_000, 48_000, RoundingMode.CEILING))
        .isEqualTo(-4_919_131_752_989_213_764L);
  }

  @Test
  void rescale_resultBeyondLong_throwsArithmeticException() {
    assertThatThrownBy(() -> Ticks.rescale(Long.MAX_VALUE, 1, 90_000, RoundingMode.FLOOR))
        .isInstanceOf(ArithmeticException.class);
  }

  static List<Arguments> roundingCases() {
    long[][] cases = {
      {1, 90_000, 48_000},
      {-1, 90_000, 48_000},
      {3, 2, 1},
      {-3, 2, 1},
      {5, 2, 1},
      {-5, 2, 1},
      {1_001, 30_000, 1_000},
      {-1_001, 30_000, 1_000},
      {Long.MAX_VALUE / 3, 90_000, 96_000},
      {Long.MIN_VALUE / 3, 90_000, 96_000},
    };
    List<Arguments> arguments = new ArrayList<>();
    for (long[] c : cases) {
      for (RoundingMode mode : EnumSet.complementOf(EnumSet.of(RoundingMode.UNNECESSARY))) {
        arguments.add(Arguments.of(c[0], c[1], c[2], mode));
      }
    }
    return arguments;
  }

  @ParameterizedTest(name = "{0} ticks at {1} -> {2}, {3}")
  @MethodSource("roundingCases")
  void rescale_anyRoundingMode_agreesWithBigDecimal(
      long ticks, long from, long to, RoundingMode mode) {
    long expected =
        new BigDecimal(ticks)
            .multiply(new BigDecimal(to))
            .divide(new BigDecimal(from), 0, mode)
            .longValueExact();

    assertThat(Ticks.rescale(ticks, from, to, mode)).isEqualTo(expected);
  }
}
