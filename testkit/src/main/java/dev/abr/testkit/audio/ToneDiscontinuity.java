package dev.abr.testkit.audio;

import dev.abr.core.time.MediaTime;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One place where a decoded test tone is not continuous: a run of flagged blocks, where it is and
 * by how much. Sample positions are indices into the channel (ticks at {@code sampleRate}).
 *
 * @param sampleRate the channel's sample rate
 * @param sampleIndex the best estimate of where it happens: with a {@link ToneDefect#PHASE_JUMP}
 *     the sample where the tone before gives way to the tone after (the {@link
 *     ToneBlock#spliceSample()} of the block with the largest phase error that still holds a tone),
 *     else with a {@link ToneDefect#DROPOUT} the first sample of the first block whose amplitude is
 *     too low, else the sample furthest from the tone
 * @param firstSample the first sample of the flagged blocks
 * @param endSample one past the last sample of the flagged blocks
 * @param defects why the blocks were flagged (at least one)
 * @param phaseShiftSamples the tone's shift from before the run to after it, in samples, within
 *     half a period of 0 (phase knows it only modulo one period); positive when samples are
 *     missing, negative when repeated or inserted; empty when the run reaches the start or end of
 *     the analysed samples
 * @param missingSamples the exact number of samples missing (negative: extra), when the expected
 *     sample count pins it: this is the only discontinuity, it is a {@link ToneDefect#PHASE_JUMP},
 *     the count differs from the expected one and the difference agrees with the phase shift. It
 *     assumes every sample missing or extra is here, so it is wrong if some are in the skipped
 *     leading or trailing samples
 * @param tonePeriodSamples one period of the tone, in samples
 * @param largestPhaseErrorSamples the phase error of largest magnitude among the run's blocks
 * @param largestResidualRatio the largest residual ratio among the run's blocks
 * @param smallestAmplitudeRatio the smallest amplitude ratio among the run's blocks
 * @param largestAmplitudeRatio the largest amplitude ratio among the run's blocks
 */
public record ToneDiscontinuity(
    int sampleRate,
    long sampleIndex,
    long firstSample,
    long endSample,
    Set<ToneDefect> defects,
    OptionalDouble phaseShiftSamples,
    OptionalLong missingSamples,
    double tonePeriodSamples,
    double largestPhaseErrorSamples,
    double largestResidualRatio,
    double smallestAmplitudeRatio,
    double largestAmplitudeRatio) {

  /** Copies the defects. */
  public ToneDiscontinuity {
    defects = Set.copyOf(defects);
  }

  /** Where it happens, as a media time at the sample rate. */
  public MediaTime time() {
    return MediaTime.of(sampleIndex, sampleRate);
  }

  /**
   * A one-line description, e.g. {@code at 2.000000 s (sample 96000): PHASE_JUMP, CLICK; 16 samples
   * missing (tone shifted by +16.00 samples, modulo its 48.14-sample period); ...}.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append("at ").append(seconds(sampleIndex)).append(" s (sample ").append(sampleIndex);
    text.append("): ");
    text.append(defects.stream().sorted().map(ToneDefect::name).collect(Collectors.joining(", ")));
    text.append("; ");
    if (missingSamples.isPresent()) {
      long missing = missingSamples.getAsLong();
      text.append(Math.abs(missing))
          .append(Math.abs(missing) == 1 ? " sample" : " samples")
          .append(missing >= 0 ? " missing" : " extra (repeated or inserted)")
          .append(
              String.format(
                  Locale.ROOT,
                  " (tone shifted by %+.2f samples, modulo its %.2f-sample period)",
                  phaseShiftSamples.orElse(Double.NaN),
                  tonePeriodSamples));
    } else if (phaseShiftSamples.isPresent()) {
      text.append(
          String.format(
              Locale.ROOT,
              "tone shifted by %+.2f samples (modulo its %.2f-sample period; + means samples"
                  + " missing, - repeated or inserted)",
              phaseShiftSamples.getAsDouble(),
              tonePeriodSamples));
    } else {
      text.append("shift not measurable (no tone on one side)");
    }
    text.append(
        String.format(
            Locale.ROOT,
            "; largest phase error %+.2f samples, residual %.2f x median amplitude, amplitude"
                + " %.2f-%.2f of median; flagged samples %d-%d (%s-%s s)",
            largestPhaseErrorSamples,
            largestResidualRatio,
            smallestAmplitudeRatio,
            largestAmplitudeRatio,
            firstSample,
            endSample,
            seconds(firstSample),
            seconds(endSample)));
    return text.toString();
  }

  private String seconds(long sample) {
    return MediaTime.of(sample, sampleRate).toSeconds(6, RoundingMode.HALF_EVEN).toPlainString();
  }
}
