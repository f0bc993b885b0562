package dev.abr.testkit.audio;

import java.util.OptionalLong;

/**
 * How {@link ToneContinuityAnalyzer} cuts a channel into blocks and which samples it leaves out.
 *
 * @param blockSamples samples per block; the tone's amplitude, phase and residual are measured per
 *     block, so this is the analyser's resolution in time (480 = 10 ms at 48 kHz). A block must
 *     hold at least one period of the tone.
 * @param phaseWindowBlocks how many blocks on each side of a block are averaged to measure the
 *     tone's shift across it: more blocks average away more codec noise (AAC quantisation moves the
 *     phase of single 10 ms blocks by up to a quarter sample), fewer keep events that are close
 *     together apart
 * @param skipLeadingSamples samples at the start left out: the first AAC frame of a stream decodes
 *     without its predecessor, so its first ~2 048 samples are not a clean tone
 * @param skipTrailingSamples samples at the end left out: the last frame has no successor and is
 *     padded to a whole frame
 * @param includePartialTailBlock whether the samples after the last whole block are analysed as one
 *     shorter block (only if they hold at least one period of the tone); left out by default
 * @param expectedSampleCount how many samples the channel should have, counting skipped ones, if
 *     known; the report then states how many are missing or extra and can pin a single
 *     discontinuity's size, which phase alone knows only modulo one period of the tone
 */
public record ToneContinuityOptions(
    int blockSamples,
    int phaseWindowBlocks,
    int skipLeadingSamples,
    int skipTrailingSamples,
    boolean includePartialTailBlock,
    OptionalLong expectedSampleCount) {

  /** Validates the options. */
  public ToneContinuityOptions {
    if (blockSamples < 3) {
      throw new IllegalArgumentException("a block needs at least 3 samples, not " + blockSamples);
    }
    if (phaseWindowBlocks < 1) {
      throw new IllegalArgumentException(
          "the phase window needs at least 1 block, not " + phaseWindowBlocks);
    }
    if (skipLeadingSamples < 0 || skipTrailingSamples < 0) {
      throw new IllegalArgumentException(
          "skipped samples cannot be negative: "
              + skipLeadingSamples
              + " leading, "
              + skipTrailingSamples
              + " trailing");
    }
    if (expectedSampleCount.isPresent() && expectedSampleCount.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "expected sample count cannot be negative: " + expectedSampleCount.getAsLong());
    }
  }

  /**
   * Blocks of 480 samples, shifts measured over 6 blocks each side, nothing skipped, the partial
   * tail block left out, no expected count.
   */
  public static ToneContinuityOptions defaults() {
    return new ToneContinuityOptions(480, 6, 0, 0, false, OptionalLong.empty());
  }

  /** These options with {@code value} samples per block. */
  public ToneContinuityOptions withBlockSamples(int value) {
    return new ToneContinuityOptions(
        value,
        phaseWindowBlocks,
        skipLeadingSamples,
        skipTrailingSamples,
        includePartialTailBlock,
        expectedSampleCount);
  }

  /** These options with a phase window of {@code value} blocks on each side. */
  public ToneContinuityOptions withPhaseWindowBlocks(int value) {
    return new ToneContinuityOptions(
        blockSamples,
        value,
        skipLeadingSamples,
        skipTrailingSamples,
        includePartialTailBlock,
        expectedSampleCount);
  }

  /** These options leaving out the first {@code value} samples. */
  public ToneContinuityOptions withSkipLeadingSamples(int value) {
    return new ToneContinuityOptions(
        blockSamples,
        phaseWindowBlocks,
        value,
        skipTrailingSamples,
        includePartialTailBlock,
        expectedSampleCount);
  }

  /** These options leaving out the last {@code value} samples. */
  public ToneContinuityOptions withSkipTrailingSamples(int value) {
    return new ToneContinuityOptions(
        blockSamples,
        phaseWindowBlocks,
        skipLeadingSamples,
        value,
        includePartialTailBlock,
        expectedSampleCount);
  }

  /** These options analysing (or not) the samples after the last whole block. */
  public ToneContinuityOptions withPartialTailBlock(boolean value) {
    return new ToneContinuityOptions(
        blockSamples,
        phaseWindowBlocks,
        skipLeadingSamples,
        skipTrailingSamples,
        value,
        expectedSampleCount);
  }

  /** These options expecting {@code value} samples in the channel, skipped ones included. */
  public ToneContinuityOptions withExpectedSampleCount(long value) {
    return new ToneContinuityOptions(
        blockSamples,
        phaseWindowBlocks,
        skipLeadingSamples,
        skipTrailingSamples,
        includePartialTailBlock,
        OptionalLong.of(value));
  }
}
