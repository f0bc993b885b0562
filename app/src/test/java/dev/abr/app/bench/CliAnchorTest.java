package dev.abr.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.time.Rational;
import dev.abr.media.FfmpegTools;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliAnchorTest {
  @TempDir Path temp;

  private static final VideoPlan DEFAULT_LADDER =
      plan(
          rung("1080p", 1920, 1080),
          rung("720p", 1280, 720),
          rung("480p", 854, 480),
          rung("360p", 640, 360));

  @Test
  void arguments_direct_scalesEveryRungFromTheSource() {
    assertThat(filterGraph(CliAnchor.Scaling.DIRECT))
        .isEqualTo(
            "[0:v]fps=30,split=4[s0][s1][s2][s3]"
                + ";[s0]scale=1920:1080:flags=bicubic,setsar=1,format=yuv420p[o0]"
                + ";[s1]scale=1280:720:flags=bicubic,setsar=1,format=yuv420p[o1]"
                + ";[s2]scale=854:480:flags=bicubic,setsar=1,format=yuv420p[o2]"
                + ";[s3]scale=640:360:flags=bicubic,setsar=1,format=yuv420p[o3]");
  }

  @Test
  void arguments_cascaded_scales480pAnd360pFromThe720pPicture() {
    assertThat(filterGraph(CliAnchor.Scaling.CASCADED))
        .isEqualTo(
            "[0:v]fps=30,split=2[s0][s1]"
                + ";[s0]scale=1920:1080:flags=bicubic,setsar=1,format=yuv420p[o0]"
                + ";[s1]scale=1280:720:flags=bicubic,setsar=1,format=yuv420p,split=3[o1][s2][s3]"
                + ";[s2]scale=854:480:flags=bicubic,setsar=1,format=yuv420p[o2]"
                + ";[s3]scale=640:360:flags=bicubic,setsar=1,format=yuv420p[o3]");
  }

  @Test
  void arguments_cascaded_runInFfmpegAndWriteEveryRung() throws Exception {
    Path source = TestMedia.generate(MediaSpec.h264Aac(640, 360, Rational.of(30), 1));
    VideoPlan small = plan(rung("180p", 320, 180), rung("90p", 160, 90));
    Path out = temp.resolve("cli");
    List<String> command = new ArrayList<>(List.of(FfmpegTools.ffmpeg().toString()));
    command.addAll(
        CliAnchor.arguments(
            source,
            small,
            Optional.of(new AudioPlan("audio", "aac", 48_000, 2, 128_000)),
            1,
            out,
            CliAnchor.Scaling.CASCADED,
            640,
            360));

    Process ffmpeg =
        FfmpegTools.command(Path.of(command.get(0)), command.subList(1, command.size()))
            .redirectErrorStream(true)
            .start();
    String output = new String(ffmpeg.getInputStream().readAllBytes());

    assertThat(ffmpeg.waitFor()).as(output).isZero();
    assertThat(out.resolve("0").resolve("playlist.m3u8")).exists();
    assertThat(out.resolve("1").resolve("playlist.m3u8")).exists();
    assertThat(Files.readString(out.resolve("main.m3u8"))).contains("RESOLUTION=160x90");
  }

  @Test
  void scalingParse_unknownValue_namesTheOptionAndTheChoices() {
    assertThatThrownBy(() -> CliAnchor.Scaling.parse("bilinear"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--anchor-scaling")
        .hasMessageContaining("direct or cascaded")
        .hasMessageContaining("bilinear");
  }

  private static String filterGraph(CliAnchor.Scaling scaling) {
    List<String> args =
        CliAnchor.arguments(
            Path.of("in.mp4"),
            DEFAULT_LADDER,
            Optional.empty(),
            4,
            Path.of("out"),
            scaling,
            1920,
            1080);
    return args.get(args.indexOf("-filter_complex") + 1);
  }

  private static VideoPlan plan(VideoRendition... rungs) {
    return new VideoPlan(Rational.of(30), 15_360, 60, false, 0, List.of(rungs));
  }

  private static VideoRendition rung(String name, int width, int height) {
    return new VideoRendition(
        name, "h264", width, height, 1_000_000, 1_070_000, 1_500_000, "main", "4.0", "ultrafast");
  }
}
