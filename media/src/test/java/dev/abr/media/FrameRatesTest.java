package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.time.Rational;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameRatesTest {
  @Test
  void nominal_constantRate_isTheAverage() {
    assertThat(FrameRates.nominal(Optional.of(Rational.of(25)), Optional.of(Rational.of(50))))
        .hasValue(Rational.of(25));
  }

  @Test
  void nominal_averageStoredImprecisely_snapsToTheStandardRate() {
    assertThat(
            FrameRates.nominal(
                Optional.of(Rational.of(2997, 100)), Optional.of(Rational.of(2997, 100))))
        .hasValue(Rational.of(30000, 1001));
  }

  @Test
  void nominal_jitteryAverageAndImplausibleBase_isTheNearestStandardRate() {
    // 60 frames in 179 876/90 000 s, as measured on BadMedia.jitteryThirtyFps().
    assertThat(
            FrameRates.nominal(
                Optional.of(Rational.of(1_350_000, 44_969)), Optional.of(Rational.of(90_000))))
        .hasValue(Rational.of(30));
  }

  @Test
  void nominal_averageBetweenTwoStandardRates_isTheNearer() {
    assertThat(FrameRates.nominal(Optional.of(Rational.of(2996, 100)), Optional.empty()))
        .hasValue(Rational.of(30000, 1001));
  }

  @Test
  void nominal_mixedRates_isTheBaseRate() {
    // One second at 30 fps then one at 15 fps: 45 frames in 2 s.
    assertThat(FrameRates.nominal(Optional.of(Rational.of(45, 2)), Optional.of(Rational.of(30))))
        .hasValue(Rational.of(30));
  }

  @Test
  void nominal_unusualConstantRate_isKept() {
    assertThat(FrameRates.nominal(Optional.of(Rational.of(25, 2)), Optional.of(Rational.of(25, 2))))
        .hasValue(Rational.of(25, 2));
  }

  @Test
  void nominal_unusualAverageAndImplausibleBase_isTheAverage() {
    assertThat(
            FrameRates.nominal(Optional.of(Rational.of(45, 2)), Optional.of(Rational.of(90_000))))
        .hasValue(Rational.of(45, 2));
  }

  @Test
  void nominal_noPlausibleRate_isEmpty() {
    assertThat(
            FrameRates.nominal(
                Optional.of(Rational.of(2, 46_801)), Optional.of(Rational.of(1, 46_800))))
        .isEmpty();
  }
}
