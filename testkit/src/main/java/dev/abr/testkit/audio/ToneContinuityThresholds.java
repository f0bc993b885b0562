package dev.abr.testkit.audio;

/**
 * Limits beyond which a block of a decoded test tone is flagged. The defaults are set from the
 * noise floor measured on FFmpeg's AAC-LC encoder at 128 kbit/s (docs/decisions/004): see {@link
 * #defaults()}.
 *
 * @param maxPhaseErrorSamples the largest shift of the tone across a block, in samples, that is not
 *     a gap or repeat
 * @param maxResidualRatio the largest deviation of one sample from the fitted tone, relative to the
 *     median amplitude, that is not a click
 * @param maxResidualNoiseMultiple the same as a multiple of the channel's noise ({@link
 *     ToneContinuityReport#residualNoiseRatio()}), for channels so noisy that their noise peaks
 *     reach {@code maxResidualRatio}: the larger of the two limits applies
 * @param minAmplitudeRatio the smallest block amplitude, relative to the median, that is not a
 *     dropout
 * @param maxAmplitudeRatio the largest block amplitude, relative to the median, that is not a surge
 */
public record ToneContinuityThresholds(
    double maxPhaseErrorSamples,
    double maxResidualRatio,
    double maxResidualNoiseMultiple,
    double minAmplitudeRatio,
    double maxAmplitudeRatio) {

  /** Validates the limits. */
  public ToneContinuityThresholds {
    if (!(maxPhaseErrorSamples > 0 && maxResidualRatio > 0 && maxResidualNoiseMultiple > 0)) {
      throw new IllegalArgumentException(
          "phase and residual limits must be positive: "
              + maxPhaseErrorSamples
              + ", "
              + maxResidualRatio
              + ", "
              + maxResidualNoiseMultiple);
    }
    if (!(minAmplitudeRatio >= 0 && minAmplitudeRatio < 1 && maxAmplitudeRatio > 1)) {
      throw new IllegalArgumentException(
          "amplitude limits must satisfy 0 <= min < 1 < max: "
              + minAmplitudeRatio
              + ", "
              + maxAmplitudeRatio);
    }
  }

  /**
   * Phase error 0.5 sample, residual 0.3 of the median amplitude or 8 times the channel's noise,
   * amplitude 0.8–1.25 of the median.
   *
   * <p>Measured on 10 s of the two-tone source (997 Hz left, 1 499 Hz right, 1/8 full scale)
   * through FFmpeg's AAC-LC at 128 kbit/s, decoded, first 2 048 and last 2 048 + padding samples
   * skipped (docs/decisions/004): phase error at most 0.168 sample at 997 Hz and 0.084 at 1 499 Hz
   * (3× and 6× under the limit), residual at most 0.053 (5.7×), amplitude 0.950–1.064 (4× inside
   * the limits), noise 0.0073. A one-sample gap reads 1.0 sample (2× over); a one-sample click of
   * 0.5 on a 0.3 tone 1.66 (5.5×); the join of two separately encoded AAC chunks 15 samples,
   * residual 0.83 and amplitude 1.41.
   */
  public static ToneContinuityThresholds defaults() {
    return new ToneContinuityThresholds(0.5, 0.3, 8, 0.8, 1.25);
  }

  /** These limits with a phase error limit of {@code value} samples. */
  public ToneContinuityThresholds withMaxPhaseErrorSamples(double value) {
    return new ToneContinuityThresholds(
        value, maxResidualRatio, maxResidualNoiseMultiple, minAmplitudeRatio, maxAmplitudeRatio);
  }

  /** These limits with a residual limit of {@code value} times the median amplitude. */
  public ToneContinuityThresholds withMaxResidualRatio(double value) {
    return new ToneContinuityThresholds(
        maxPhaseErrorSamples,
        value,
        maxResidualNoiseMultiple,
        minAmplitudeRatio,
        maxAmplitudeRatio);
  }

  /** These limits with a residual limit of {@code value} times the channel's noise. */
  public ToneContinuityThresholds withMaxResidualNoiseMultiple(double value) {
    return new ToneContinuityThresholds(
        maxPhaseErrorSamples, maxResidualRatio, value, minAmplitudeRatio, maxAmplitudeRatio);
  }

  /** These limits with amplitude limits of {@code min} and {@code max} times the median. */
  public ToneContinuityThresholds withAmplitudeRatios(double min, double max) {
    return new ToneContinuityThresholds(
        maxPhaseErrorSamples, maxResidualRatio, maxResidualNoiseMultiple, min, max);
  }
}
