/** Audio for tests: decoded PCM ({@link dev.abr.testkit.audio.PcmAudio}), raw or from WAV files. */
@NullMarked
package dev.abr.testkit.audio;

import org.jspecify.annotations.NullMarked;
