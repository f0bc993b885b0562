package dev.abr.testkit.audio;

import dev.abr.core.time.MediaTime;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What {@link ToneContinuityAnalyzer} found in one channel of a decoded test tone: per-block
 * measurements, and from them, for given {@link ToneContinuityThresholds}, the blocks over the
 * limits, the discontinuities they form and an assertion. Sample positions are indices into the
 * channel (ticks at {@code sampleRate}); shifts are in samples, positive when samples are missing.
 *
 * @param sampleRate the channel's sample rate
 * @param toneHz the tone's frequency
 * @param options how the channel was analysed
 * @param sampleCount samples in the channel, skipped ones included
 * @param medianAmplitude the median of the blocks' amplitudes (full scale 1.0)
 * @param residualNoiseRatio the channel's noise: the median over blocks of the RMS deviation from
 *     the fitted tone, divided by {@code medianAmplitude}
 * @param blocks the analysed blocks in order (at least one)
 */
public record ToneContinuityReport(
    int sampleRate,
    double toneHz,
    ToneContinuityOptions options,
    long sampleCount,
    double medianAmplitude,
    double residualNoiseRatio,
    List<ToneBlock> blocks) {

  /** Copies the blocks. */
  public ToneContinuityReport {
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one block");
    }
  }

  /** The number of blocks analysed. */
  public int blockCount() {
    return blocks.size();
  }

  /** One period of the tone in samples: phase measures shifts modulo this. */
  public double tonePeriodSamples() {
    return sampleRate / toneHz;
  }

  /**
   * Samples missing from the channel compared with {@link
   * ToneContinuityOptions#expectedSampleCount()} (negative: extra); empty when no count was
   * expected.
   */
  public OptionalLong missingSamples() {
    OptionalLong expected = options.expectedSampleCount();
    return expected.isPresent()
        ? OptionalLong.of(expected.getAsLong() - sampleCount)
        : OptionalLong.empty();
  }

  /** The block with the largest absolute phase error. */
  public ToneBlock largestPhaseError() {
    return largest(block -> Math.abs(block.phaseErrorSamples()));
  }

  /** The block with the largest residual ratio. */
  public ToneBlock largestResidual() {
    return largest(ToneBlock::residualRatio);
  }

  /** The block with the smallest amplitude ratio. */
  public ToneBlock smallestAmplitude() {
    return largest(block -> -block.amplitudeRatio());
  }

  /** The block with the largest amplitude ratio. */
  public ToneBlock largestAmplitude() {
    return largest(ToneBlock::amplitudeRatio);
  }

  /** The blocks over any of {@code limits}, in order. */
  public List<ToneBlock> blocksExceeding(ToneContinuityThresholds limits) {
    return blocks.stream().filter(block -> !defects(block, limits).isEmpty()).toList();
  }

  /**
   * The discontinuities: runs of blocks over {@code limits}, runs fewer than {@link
   * ToneContinuityOptions#phaseWindowBlocks()} blocks apart merged (their shifts cannot be told
   * apart), each with where it is and by how much.
   */
  public List<ToneDiscontinuity> discontinuities(ToneContinuityThresholds limits) {
    int window = options.phaseWindowBlocks();
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      if (defects(blocks.get(i), limits).isEmpty()) {
        continue;
      }
      if (!runs.isEmpty() && i - runs.getLast()[1] <= window) {
        runs.getLast()[1] = i;
      } else {
        runs.add(new int[] {i, i});
      }
    }
    List<ToneDiscontinuity> found = new ArrayList<>();
    for (int[] run : runs) {
      found.add(discontinuity(run[0], run[1], limits, OptionalLong.empty()));
    }
    // Phase knows a shift only modulo one period of the tone; the sample count knows the sum of
    // all shifts exactly. With a single phase jump the two together pin its size.
    OptionalLong missing = missingSamples();
    if (found.size() == 1
        && found.get(0).defects().contains(ToneDefect.PHASE_JUMP)
        && missing.isPresent()
        && missing.getAsLong() != 0
        && found.get(0).phaseShiftSamples().isPresent()) {
      double disagreement =
          Math.IEEEremainder(
              missing.getAsLong() - found.get(0).phaseShiftSamples().getAsDouble(),
              tonePeriodSamples());
      if (Math.abs(disagreement) <= limits.maxPhaseErrorSamples()) {
        found.set(0, discontinuity(runs.get(0)[0], runs.get(0)[1], limits, missing));
      }
    }
    return List.copyOf(found);
  }

  /**
   * Everything that keeps the tone from being continuous under {@code limits}: a sample count other
   * than the expected one, then each discontinuity; empty when continuous.
   */
  public List<String> problems(ToneContinuityThresholds limits) {
    List<String> problems = new ArrayList<>();
    OptionalLong missing = missingSamples();
    if (missing.isPresent() && missing.getAsLong() != 0) {
      long difference = missing.getAsLong();
      problems.add(
          "decoded "
              + sampleCount
              + " samples, expected "
              + options.expectedSampleCount().getAsLong()
              + ": "
              + Math.abs(difference)
              + (difference > 0 ? " missing" : " extra"));
    }
    discontinuities(limits).forEach(discontinuity -> problems.add(discontinuity.toString()));
    return List.copyOf(problems);
  }

  /**
   * Throws if the tone is not continuous under {@code limits}.
   *
   * @throws AssertionError listing every problem with its time, sample index and size
   */
  public void assertContinuous(ToneContinuityThresholds limits) {
    List<String> problems = problems(limits);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          String.format(
                  Locale.ROOT,
                  "%s Hz tone is not continuous (%d Hz, samples %d-%d analysed):\n  ",
                  formatHz(),
                  sampleRate,
                  blocks.get(0).startSample(),
                  blocks.get(blocks.size() - 1).endSample())
              + String.join("\n  ", problems));
    }
  }

  /** The headline measurements as one line of text, for logs and decision records. */
  public String summary() {
    ToneBlock phase = largestPhaseError();
    ToneBlock residual = largestResidual();
    ToneBlock low = smallestAmplitude();
    ToneBlock high = largestAmplitude();
    return String.format(
        Locale.ROOT,
        "%s Hz: %d samples%s, %d blocks of %d from sample %d; median amplitude %.4f, noise"
            + " %.4f of it; largest phase error %+.3f samples at %s s (sample %d); largest residual %.3f at"
            + " %s s (sample %d); amplitude %.3f at %s s to %.3f at %s s",
        formatHz(),
        sampleCount,
        options.expectedSampleCount().isPresent()
            ? " (expected " + options.expectedSampleCount().getAsLong() + ")"
            : "",
        blocks.size(),
        options.blockSamples(),
        blocks.get(0).startSample(),
        medianAmplitude,
        residualNoiseRatio,
        phase.phaseErrorSamples(),
        seconds(phase.startSample()),
        phase.startSample(),
        residual.residualRatio(),
        seconds(residual.peakResidualSample()),
        residual.peakResidualSample(),
        low.amplitudeRatio(),
        seconds(low.startSample()),
        high.amplitudeRatio(),
        seconds(high.startSample()));
  }

  private ToneDiscontinuity discontinuity(
      int first, int last, ToneContinuityThresholds limits, OptionalLong missingSamples) {
    Set<ToneDefect> defects = EnumSet.noneOf(ToneDefect.class);
    ToneBlock largestPhase = blocks.get(first);
    ToneBlock largestPhaseWithTone = blocks.get(first);
    ToneBlock largestResidual = blocks.get(first);
    int firstDropout = -1;
    double smallestAmplitude = Double.POSITIVE_INFINITY;
    double largestAmplitude = 0;
    for (int i = first; i <= last; i++) {
      ToneBlock block = blocks.get(i);
      Set<ToneDefect> blockDefects = defects(block, limits);
      defects.addAll(blockDefects);
      if (Math.abs(block.phaseErrorSamples()) > Math.abs(largestPhase.phaseErrorSamples())) {
        largestPhase = block;
      }
      if (block.phaseOffsetSamples().isPresent()
          && (largestPhaseWithTone.phaseOffsetSamples().isEmpty()
              || Math.abs(block.phaseErrorSamples())
                  > Math.abs(largestPhaseWithTone.phaseErrorSamples()))) {
        largestPhaseWithTone = block;
      }
      if (block.residualRatio() > largestResidual.residualRatio()) {
        largestResidual = block;
      }
      if (firstDropout < 0 && blockDefects.contains(ToneDefect.DROPOUT)) {
        firstDropout = i;
      }
      smallestAmplitude = Math.min(smallestAmplitude, block.amplitudeRatio());
      largestAmplitude = Math.max(largestAmplitude, block.amplitudeRatio());
    }
    long where;
    if (defects.contains(ToneDefect.PHASE_JUMP)) {
      where = largestPhaseWithTone.spliceSample();
    } else if (firstDropout >= 0) {
      where = blocks.get(firstDropout).startSample();
    } else {
      where = largestResidual.peakResidualSample();
    }
    return new ToneDiscontinuity(
        sampleRate,
        where,
        blocks.get(first).startSample(),
        blocks.get(last).endSample(),
        defects,
        phaseShift(first, last),
        missingSamples,
        tonePeriodSamples(),
        largestPhase.phaseErrorSamples(),
        largestResidual.residualRatio(),
        smallestAmplitude,
        largestAmplitude);
  }

  /** The mean phase offset of the window of blocks after the run minus that of the one before. */
  private OptionalDouble phaseShift(int first, int last) {
    OptionalDouble before = meanPhaseOffset(first - 1, -1);
    OptionalDouble after = meanPhaseOffset(last + 1, +1);
    if (before.isEmpty() || after.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        Math.IEEEremainder(after.getAsDouble() - before.getAsDouble(), tonePeriodSamples()));
  }

  private OptionalDouble meanPhaseOffset(int from, int step) {
    double sum = 0;
    int count = 0;
    for (int i = from;
        i >= 0 && i < blocks.size() && count < options.phaseWindowBlocks();
        i += step) {
      OptionalDouble offset = blocks.get(i).phaseOffsetSamples();
      if (offset.isPresent()) {
        sum += offset.getAsDouble();
        count++;
      }
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
  }

  /**
   * The residual ratio above which a block has a click: {@link
   * ToneContinuityThresholds#maxResidualRatio()}, or more in a channel so noisy that its noise
   * peaks reach that ({@link ToneContinuityThresholds#maxResidualNoiseMultiple()} times {@link
   * #residualNoiseRatio()}).
   */
  public double clickResidualRatio(ToneContinuityThresholds limits) {
    return Math.max(
        limits.maxResidualRatio(), limits.maxResidualNoiseMultiple() * residualNoiseRatio);
  }

  private Set<ToneDefect> defects(ToneBlock block, ToneContinuityThresholds limits) {
    Set<ToneDefect> defects = EnumSet.noneOf(ToneDefect.class);
    if (Math.abs(block.phaseErrorSamples()) > limits.maxPhaseErrorSamples()) {
      defects.add(ToneDefect.PHASE_JUMP);
    }
    if (block.residualRatio() > clickResidualRatio(limits)) {
      defects.add(ToneDefect.CLICK);
    }
    if (block.amplitudeRatio() < limits.minAmplitudeRatio()) {
      defects.add(ToneDefect.DROPOUT);
    }
    if (block.amplitudeRatio() > limits.maxAmplitudeRatio()) {
      defects.add(ToneDefect.SURGE);
    }
    return defects;
  }

  private ToneBlock largest(ToDoubleFunction<ToneBlock> measure) {
    return blocks.stream().max(Comparator.comparingDouble(measure)).orElseThrow();
  }

  private String seconds(long sample) {
    return MediaTime.of(sample, sampleRate).toSeconds(6, RoundingMode.HALF_EVEN).toPlainString();
  }

  private String formatHz() {
    return toneHz == Math.rint(toneHz)
        ? Long.toString((long) toneHz)
        : String.format(Locale.ROOT, "%s", toneHz);
  }
}
