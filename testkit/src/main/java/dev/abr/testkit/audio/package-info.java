/**
 * Audio continuity checks for tests: decoded PCM ({@link dev.abr.testkit.audio.PcmAudio}) and a
 * pure-Java analyser ({@link dev.abr.testkit.audio.ToneContinuityAnalyzer}) that proves a decoded
 * test tone has no gap, repeat, overlap, dropout or click, and says where and by how much when it
 * has.
 *
 * <p>Usage, on a track decoded from the pipeline's output:
 *
 * <pre>{@code
 * PcmAudio audio = FfmpegAudioDecoder.decode(mediaFile);
 * for (int channel = 0; channel < 2; channel++) {  // each tone is blind to multiples of its period
 *   ToneContinuityReport report =
 *       ToneContinuityAnalyzer.analyze(
 *           audio, channel, channel == 0 ? 997 : 1499,
 *           ToneContinuityOptions.defaults()
 *               .withSkipLeadingSamples(2048)        // the first frame has no predecessor
 *               .withSkipTrailingSamples(256 + 2048) // the last frame's padding, and no successor
 *               .withExpectedSampleCount(480_256));  // 10 s: FFmpeg keeps the last frame's padding
 *   report.assertContinuous(ToneContinuityThresholds.defaults());
 * }
 * }</pre>
 */
@NullMarked
package dev.abr.testkit.audio;

import org.jspecify.annotations.NullMarked;
