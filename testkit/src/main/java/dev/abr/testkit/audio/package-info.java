/**
 * Audio continuity checks for tests: decoded PCM ({@link dev.abr.testkit.audio.PcmAudio}) and a
 * pure-Java analyser ({@link dev.abr.testkit.audio.ToneContinuityAnalyzer}) that proves a decoded
 * test tone has no gap, repeat, overlap, dropout or click, and says where and by how much when it
 * has.
 */
@NullMarked
package dev.abr.testkit.audio;

import org.jspecify.annotations.NullMarked;
