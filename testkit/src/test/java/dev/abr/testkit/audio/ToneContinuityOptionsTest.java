package dev.abr.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link ToneContinuityOptions} and {@link ToneContinuityThresholds}: defaults, mapping, checks.
 */
class ToneContinuityOptionsTest {
  @Test
  void defaults_blocksOf480WindowOf6NothingSkipped() {
    assertThat(ToneContinuityOptions.defaults())
        .isEqualTo(new ToneContinuityOptions(480, 6, 0, 0, false, OptionalLong.empty()));
  }

  @Test
  void withMethods_setEveryField() {
    ToneContinuityOptions options =
        ToneContinuityOptions.defaults()
            .withBlockSamples(1024)
            .withPhaseWindowBlocks(2)
            .withSkipLeadingSamples(2048)
            .withSkipTrailingSamples(2304)
            .withPartialTailBlock(true)
            .withExpectedSampleCount(480_256);

    assertThat(options)
        .isEqualTo(new ToneContinuityOptions(1024, 2, 2048, 2304, true, OptionalLong.of(480_256)));
  }

  @Test
  void constructor_negativeSkip_throws() {
    assertThatThrownBy(() -> ToneContinuityOptions.defaults().withSkipLeadingSamples(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skipped samples cannot be negative");
  }

  @Test
  void constructor_emptyPhaseWindow_throws() {
    assertThatThrownBy(() -> ToneContinuityOptions.defaults().withPhaseWindowBlocks(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thresholdDefaults_areTheMeasuredLimits() {
    assertThat(ToneContinuityThresholds.defaults())
        .isEqualTo(new ToneContinuityThresholds(0.5, 0.3, 8, 0.8, 1.25));
  }

  @Test
  void thresholdWithMethods_setEveryField() {
    ToneContinuityThresholds limits =
        ToneContinuityThresholds.defaults()
            .withMaxPhaseErrorSamples(0.25)
            .withMaxResidualRatio(0.2)
            .withMaxResidualNoiseMultiple(10)
            .withAmplitudeRatios(0.9, 1.1);

    assertThat(limits).isEqualTo(new ToneContinuityThresholds(0.25, 0.2, 10, 0.9, 1.1));
  }

  @Test
  void thresholds_minimumAmplitudeAboveOne_throws() {
    assertThatThrownBy(() -> ToneContinuityThresholds.defaults().withAmplitudeRatios(1.1, 1.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 <= min < 1 < max");
  }

  @Test
  void thresholds_zeroPhaseLimit_throws() {
    assertThatThrownBy(() -> ToneContinuityThresholds.defaults().withMaxPhaseErrorSamples(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
