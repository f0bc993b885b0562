package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegToolsTest {
  @Test
  void command_bundledFfmpeg_listsTheEncodersWeUse() throws Exception {
    Process process =
        FfmpegTools.command(FfmpegTools.ffmpeg(), List.of("-hide_banner", "-encoders"))
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).as(out).isZero();
    assertThat(out).contains("libx264").contains(" aac ");
  }

  @Test
  void command_bundledFfprobe_runs() throws Exception {
    Process process =
        FfmpegTools.command(FfmpegTools.ffprobe(), List.of("-version"))
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).as(out).isZero();
    assertThat(out).startsWith("ffprobe version");
  }
}
