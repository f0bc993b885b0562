package dev.abr.testkit.audio;

import dev.abr.testkit.media.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decodes the first audio stream of a media file (or HLS/DASH manifest FFmpeg can open) to {@link
 * PcmAudio} with the bundled FFmpeg: 32-bit float, at the stream's own sample rate and channel
 * layout, nothing resampled or trimmed beyond what the decoder and container do themselves.
 */
public final class FfmpegAudioDecoder {
  private FfmpegAudioDecoder() {}

  /**
   * Returns the decoded audio of {@code media}.
   *
   * @throws IllegalStateException with FFmpeg's output if it cannot decode the file
   * @throws UncheckedIOException if the temporary WAV file cannot be written or read
   */
  public static PcmAudio decode(Path media) {
    try {
      Path wav = Files.createTempFile("abr-decoded-", ".wav");
      try {
        TestMedia.run(
            List.of(
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-i",
                media.toString(),
                "-map",
                "0:a:0",
                "-c:a",
                "pcm_f32le",
                "-threads",
                "1",
                "-f",
                "wav",
                wav.toString()));
        return PcmAudio.readWav(wav);
      } finally {
        Files.deleteIfExists(wav);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
