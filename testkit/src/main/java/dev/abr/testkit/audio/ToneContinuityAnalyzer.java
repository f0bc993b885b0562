package dev.abr.testkit.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Measures how continuous a decoded test tone of known frequency is, without FFmpeg: pure Java on
 * float samples. Stateless; safe to call from any thread.
 *
 * <p>A gap or repeat of k samples moves the tone's phase by 2π·f·k/rate (0.13 rad per sample for
 * 997 Hz at 48 kHz), so it shows even where the waveform joins smoothly; a click or splice leaves a
 * spike off the tone even where the phase is right; a dropout lowers the amplitude. So, per block
 * of {@link ToneContinuityOptions#blockSamples()} samples:
 *
 * <ol>
 *   <li>fit {@code a·sin + b·cos + dc} at the tone's frequency by least squares: the tone's phase
 *       and the largest deviation of one sample from the fit (the residual); the block's amplitude
 *       is taken from its power (√2·RMS), which a splice of the tone with itself does not lower;
 *   <li>subtract the phase a continuous tone would have at the block's start, which leaves a
 *       constant for a continuous tone, and unwrap it block to block into a phase offset in samples
 *       relative to the first block (blocks whose fitted tone is under a quarter of the median
 *       amplitude have no usable phase and are stepped over);
 *   <li>take the phase error across each block as the mean offset of the blocks after it minus the
 *       mean of the blocks before it ({@link ToneContinuityOptions#phaseWindowBlocks()} each side):
 *       leaving the block itself out measures a splice anywhere inside it at full size, and the
 *       means average away the codec's phase noise;
 *   <li>find where the tone of the block before gives way to the tone of the block after, to the
 *       sample, by minimising the squared error of "before-tone up to sample p, after-tone from p".
 * </ol>
 *
 * <p>Phase measures a shift only modulo one period of the tone (48.14 samples at 997 Hz and 48
 * kHz); {@link ToneContinuityReport#discontinuities} pins a single discontinuity's exact size with
 * the expected sample count when one is given.
 */
public final class ToneContinuityAnalyzer {
  /**
   * A fitted tone amplitude below this fraction of the median amplitude is too little tone for a
   * phase: silence, noise, or a splice of the tone with itself half a period out of phase.
   */
  private static final double PHASE_AMPLITUDE_RATIO = 0.25;

  /** A median fitted tone amplitude below this (−120 dBFS) means the channel holds no such tone. */
  private static final double NO_TONE_AMPLITUDE = 1e-6;

  private ToneContinuityAnalyzer() {}

  /**
   * Analyses channel {@code channel} (0 = left) of {@code audio} for a tone of {@code toneHz}.
   *
   * @throws IndexOutOfBoundsException if there is no such channel
   * @throws IllegalArgumentException as {@link #analyze(float[], int, double,
   *     ToneContinuityOptions)}
   */
  public static ToneContinuityReport analyze(
      PcmAudio audio, int channel, double toneHz, ToneContinuityOptions options) {
    return analyze(audio.samples(channel), audio.sampleRate(), toneHz, options);
  }

  /**
   * Analyses {@code samples} (one channel, full scale ±1.0, at {@code sampleRate}) for a tone of
   * {@code toneHz}. The array is only read.
   *
   * @throws IllegalArgumentException if the frequency is not between 0 and half the sample rate, a
   *     block is shorter than one period of the tone, fewer samples than one block remain after the
   *     skipped ones, or the channel holds no tone at that frequency (median fitted tone amplitude
   *     below 10⁻⁶)
   */
  public static ToneContinuityReport analyze(
      float[] samples, int sampleRate, double toneHz, ToneContinuityOptions options) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (!(toneHz > 0 && toneHz < sampleRate / 2.0)) {
      throw new IllegalArgumentException(
          "tone frequency must be between 0 and " + sampleRate / 2 + " Hz: " + toneHz);
    }
    int blockSamples = options.blockSamples();
    int periodSamples = (int) Math.ceil(sampleRate / toneHz);
    if (blockSamples < periodSamples) {
      throw new IllegalArgumentException(
          "a block of "
              + blockSamples
              + " samples is shorter than one period of "
              + toneHz
              + " Hz ("
              + periodSamples
              + " samples)");
    }
    long first = options.skipLeadingSamples();
    long end = (long) samples.length - options.skipTrailingSamples();
    long available = Math.max(0, end - first);
    int wholeBlocks = (int) (available / blockSamples);
    int tailSamples = (int) (available - (long) wholeBlocks * blockSamples);
    boolean withTail = options.includePartialTailBlock() && tailSamples >= periodSamples;
    int blockCount = wholeBlocks + (withTail ? 1 : 0);
    if (blockCount == 0) {
      throw new IllegalArgumentException(
          "only "
              + available
              + " of "
              + samples.length
              + " samples remain after skipping "
              + options.skipLeadingSamples()
              + " leading and "
              + options.skipTrailingSamples()
              + " trailing: fewer than one block of "
              + blockSamples);
    }

    double radiansPerSample = 2 * Math.PI * toneHz / sampleRate;
    ToneFit wholeFit = new ToneFit(radiansPerSample, blockSamples);
    ToneFit[] fitters = new ToneFit[blockCount];
    Arrays.fill(fitters, wholeFit);
    if (withTail) {
      fitters[blockCount - 1] = new ToneFit(radiansPerSample, tailSamples);
    }
    int[] starts = new int[blockCount];
    ToneFit.BlockFit[] fits = new ToneFit.BlockFit[blockCount];
    for (int j = 0; j < blockCount; j++) {
      starts[j] = (int) (first + (long) j * blockSamples);
      fits[j] = fitters[j].fit(samples, starts[j]);
    }
    Fitted fitted = new Fitted(samples, sampleRate, toneHz, starts, fitters, fits);
    double medianTone = median(fits, ToneFit.BlockFit::toneAmplitude);
    if (!(medianTone >= NO_TONE_AMPLITUDE)) {
      throw new IllegalArgumentException(
          "no " + toneHz + " Hz tone in the samples: median fitted amplitude is " + medianTone);
    }
    double median = median(fits, ToneFit.BlockFit::powerAmplitude);

    // The phase offset in samples of every block with enough tone, relative to the first such
    // block: a continuous tone keeps its phase minus the ideal advance constant, so block-to-block
    // changes (taken the short way round the circle) add up to the shift so far.
    int[] valid = new int[blockCount];
    int validCount = 0;
    double[] offsets = new double[blockCount];
    double previousPhase = 0;
    double offset = 0;
    for (int j = 0; j < blockCount; j++) {
      if (fits[j].toneAmplitude() < PHASE_AMPLITUDE_RATIO * median) {
        continue;
      }
      double phase = fits[j].phaseRadians() - 2 * Math.PI * cycles(toneHz * starts[j] / sampleRate);
      if (validCount > 0) {
        offset += Math.IEEEremainder(phase - previousPhase, 2 * Math.PI) / radiansPerSample;
      }
      previousPhase = phase;
      offsets[j] = offset;
      valid[validCount++] = j;
    }
    double[] prefix = new double[validCount + 1];
    for (int v = 0; v < validCount; v++) {
      prefix[v + 1] = prefix[v] + offsets[valid[v]];
    }

    int window = options.phaseWindowBlocks();
    List<ToneBlock> blocks = new ArrayList<>(blockCount);
    int position = 0; // index in valid[] of the first block with a phase at or after j
    for (int j = 0; j < blockCount; j++) {
      while (position < validCount && valid[position] < j) {
        position++;
      }
      boolean hasPhase = position < validCount && valid[position] == j;
      int afterFrom = hasPhase ? position + 1 : position;
      OptionalDouble before = mean(prefix, Math.max(0, position - window), position);
      OptionalDouble after = mean(prefix, afterFrom, Math.min(validCount, afterFrom + window));
      if (hasPhase) {
        before = before.isPresent() ? before : OptionalDouble.of(offsets[j]);
        after = after.isPresent() ? after : OptionalDouble.of(offsets[j]);
      }
      double phaseError =
          before.isPresent() && after.isPresent() ? after.getAsDouble() - before.getAsDouble() : 0;

      // The splice can be in this block or in a neighbour without a phase of its own (one that
      // holds the tone at two phases that cancel): search from the last block with a phase to the
      // next, at most two blocks either side.
      long splice = starts[j];
      if (position > 0 && afterFrom < validCount) {
        int previous = valid[position - 1];
        int next = valid[afterFrom];
        splice =
            fitted.splice(previous, next, Math.max(previous + 1, j - 2), Math.min(next - 1, j + 2));
      }

      ToneFit.BlockFit fit = fits[j];
      blocks.add(
          new ToneBlock(
              starts[j],
              fitters[j].lengthSamples(),
              fit.powerAmplitude(),
              fit.powerAmplitude() / median,
              hasPhase ? OptionalDouble.of(offsets[j]) : OptionalDouble.empty(),
              phaseError,
              fit.peakResidual() / median,
              starts[j] + fit.peakResidualOffset(),
              splice));
    }
    double residualNoise = median(fits, ToneFit.BlockFit::rmsResidual) / median;
    return new ToneContinuityReport(
        sampleRate, toneHz, options, samples.length, median, residualNoise, blocks);
  }

  /** The fitted blocks of one channel. */
  private record Fitted(
      float[] samples,
      int sampleRate,
      double toneHz,
      int[] starts,
      ToneFit[] fitters,
      ToneFit.BlockFit[] fits) {

    /**
     * The first sample in blocks {@code from..to} that belongs to the tone of block {@code after}
     * rather than that of block {@code before}: the p minimising Σ_{n<p} (x − before-tone)² +
     * Σ_{n≥p} (x − after-tone)².
     */
    long splice(int before, int after, int from, int to) {
      double cost = 0;
      double best = 0;
      long bestAt = starts[from];
      for (int i = from; i <= to; i++) {
        ToneFit fit = fitters[i];
        double[] beforeTone = shifted(before, i);
        double[] afterTone = shifted(after, i);
        for (int n = 0; n < fit.lengthSamples(); n++) {
          double x = samples[starts[i] + n];
          double fromBefore =
              x - (beforeTone[0] * fit.sin(n) + beforeTone[1] * fit.cos(n) + beforeTone[2]);
          double fromAfter =
              x - (afterTone[0] * fit.sin(n) + afterTone[1] * fit.cos(n) + afterTone[2]);
          cost += fromBefore * fromBefore - fromAfter * fromAfter;
          if (cost < best) {
            best = cost;
            bestAt = starts[i] + n + 1L;
          }
        }
      }
      return bestAt;
    }

    /**
     * The tone fitted in block {@code source} as sine and cosine weights and DC in the time of
     * block {@code target}: (a, b) rotated by the tone's advance between the two starts.
     */
    private double[] shifted(int source, int target) {
      double angle = 2 * Math.PI * cycles(toneHz * (starts[target] - starts[source]) / sampleRate);
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      ToneFit.BlockFit fit = fits[source];
      return new double[] {
        fit.sinWeight() * cos - fit.cosWeight() * sin,
        fit.sinWeight() * sin + fit.cosWeight() * cos,
        fit.dc()
      };
    }
  }

  /** The fractional part of {@code value}, in [0, 1): whole cycles of the tone do not matter. */
  private static double cycles(double value) {
    return value - Math.floor(value);
  }

  private static OptionalDouble mean(double[] prefix, int from, int to) {
    return to > from
        ? OptionalDouble.of((prefix[to] - prefix[from]) / (to - from))
        : OptionalDouble.empty();
  }

  private static double median(
      ToneFit.BlockFit[] fits, ToDoubleFunction<ToneFit.BlockFit> measure) {
    double[] sorted = Arrays.stream(fits).mapToDouble(measure).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
