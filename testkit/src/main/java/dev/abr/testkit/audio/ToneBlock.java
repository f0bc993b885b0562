package dev.abr.testkit.audio;

import java.util.OptionalDouble;

/**
 * What {@link ToneContinuityAnalyzer} measured in one block of a channel. Sample positions are
 * indices into the channel (ticks at its sample rate); shifts are in samples, positive when the
 * tone runs ahead, i.e. samples are missing, and negative when samples were repeated or inserted.
 *
 * @param startSample index of the block's first sample
 * @param lengthSamples samples in the block
 * @param amplitude the block's amplitude as √2·RMS about its mean (full scale 1.0): the amplitude
 *     of a sine with the block's power, which drops in a dropout but not at a splice of the tone
 *     with itself
 * @param amplitudeRatio {@code amplitude} divided by the median over all blocks
 * @param phaseOffsetSamples the tone's phase relative to the first analysed block, in samples,
 *     unwrapped block to block; empty when the amplitude of the tone fitted in the block is below a
 *     quarter of the median amplitude, too little tone for a phase
 * @param phaseErrorSamples the tone's shift across this block: the mean phase offset of the blocks
 *     after it minus that of the blocks before it ({@link
 *     ToneContinuityOptions#phaseWindowBlocks()} each side). 0 for a continuous tone; +k for a gap
 *     of k samples in or at the edge of this block, −k for k repeated samples. Known modulo one
 *     period of the tone.
 * @param residualRatio the largest deviation of one sample from the fitted tone, divided by the
 *     median amplitude over all blocks
 * @param peakResidualSample where that largest deviation is
 * @param spliceSample the sample at which the tone of the blocks before this one best gives way to
 *     the tone of the blocks after it; where a gap or repeat is, when {@code phaseErrorSamples} is
 *     far from 0, and meaningless otherwise
 */
public record ToneBlock(
    long startSample,
    int lengthSamples,
    double amplitude,
    double amplitudeRatio,
    OptionalDouble phaseOffsetSamples,
    double phaseErrorSamples,
    double residualRatio,
    long peakResidualSample,
    long spliceSample) {

  /** Index one past the block's last sample. */
  public long endSample() {
    return startSample + lengthSamples;
  }
}
