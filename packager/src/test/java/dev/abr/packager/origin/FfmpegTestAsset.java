package dev.abr.packager.origin;

import dev.abr.media.FfmpegTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A 5 s, two-rendition (640x360 and 320x180, H.264 + AAC) fMP4 asset packaged by the bundled FFmpeg
 * CLI as HLS ({@code hls/main.m3u8}) and DASH ({@code dash/manifest.mpd}), to prove the browser
 * harness until the packager's own output replaces it.
 */
final class FfmpegTestAsset {
  static final String HLS_MULTIVARIANT = "hls/main.m3u8";
  static final String DASH_MPD = "dash/manifest.mpd";

  private static final List<String> SOURCES =
      List.of(
          "-f",
          "lavfi",
          "-i",
          "testsrc2=size=640x360:rate=30:duration=5",
          "-f",
          "lavfi",
          "-i",
          "sine=frequency=440:sample_rate=48000:duration=5",
          "-filter_complex",
          "[0:v]split=2[a][b];[a]scale=640:360[v0];[b]scale=320:180[v1]",
          "-map",
          "[v0]",
          "-map",
          "[v1]");

  // One-second closed GOPs, so every 2 s segment starts with a key frame in both renditions.
  private static final List<String> ENCODING =
      List.of(
          "-c:v",
          "libx264",
          "-preset",
          "veryfast",
          "-profile:v",
          "main",
          "-pix_fmt",
          "yuv420p",
          "-g",
          "30",
          "-keyint_min",
          "30",
          "-sc_threshold",
          "0",
          "-b:v:0",
          "600k",
          "-b:v:1",
          "250k",
          "-c:a",
          "aac",
          "-b:a",
          "96k",
          "-ac",
          "2");

  private FfmpegTestAsset() {}

  /** Writes the HLS and DASH packages under {@code root}. */
  static void generate(Path root) throws IOException, InterruptedException {
    Files.createDirectories(root.resolve("hls"));
    Files.createDirectories(root.resolve("dash"));
    List<String> hls = new ArrayList<>(SOURCES);
    hls.addAll(List.of("-map", "1:a", "-map", "1:a"));
    hls.addAll(ENCODING);
    hls.addAll(
        List.of(
            "-f",
            "hls",
            "-hls_time",
            "2",
            "-hls_playlist_type",
            "vod",
            "-hls_segment_type",
            "fmp4",
            "-hls_fmp4_init_filename",
            "init.mp4",
            "-hls_segment_filename",
            "hls/v%v/%d.m4s",
            "-master_pl_name",
            "main.m3u8",
            "-var_stream_map",
            "v:0,a:0 v:1,a:1",
            "hls/v%v/playlist.m3u8"));
    run(root, hls);
    List<String> dash = new ArrayList<>(SOURCES);
    dash.addAll(List.of("-map", "1:a"));
    dash.addAll(ENCODING);
    dash.addAll(
        List.of(
            "-f",
            "dash",
            "-seg_duration",
            "2",
            "-use_template",
            "1",
            "-use_timeline",
            "1",
            "-adaptation_sets",
            "id=0,streams=v id=1,streams=a",
            "-init_seg_name",
            "init-$RepresentationID$.mp4",
            "-media_seg_name",
            "chunk-$RepresentationID$-$Number%05d$.m4s",
            "dash/manifest.mpd"));
    run(root, dash);
  }

  private static void run(Path workingFolder, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
    argv.addAll(arguments);
    Process process =
        FfmpegTools.command(FfmpegTools.ffmpeg(), argv)
            .directory(workingFolder.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("ffmpeg failed: " + argv + "\n" + output);
    }
  }
}
