package dev.abr.app;

import dev.abr.media.FfmpegTools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/**
 * The sample source: a 1920x1080 30 fps moving test picture with a zooming Mandelbrot inset and
 * film-grain noise (so it is not trivially compressible) and a burnt-in SMPTE timecode, plus a
 * stereo tone (997 Hz left, 1499 Hz right), as H.264 High (2 s closed GOPs, 2 B-frames) and AAC-LC
 * 48 kHz in MP4, made by the FFmpeg executable bundled with the pipeline.
 */
public final class Samples {
  /** The sample the README's first command uses. */
  static final String DEFAULT_NAME = "sample-1080p30.mp4";

  private static final List<Path> FONTS =
      List.of(
          Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"),
          Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
          Path.of("/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf"),
          Path.of("/usr/share/fonts/TTF/DejaVuSansMono-Bold.ttf"));

  private Samples() {}

  /** True if {@code file} is the default sample path (in a folder named {@code samples}). */
  static boolean isDefaultSample(Path file) {
    Path name = file.getFileName();
    Path parent = file.toAbsolutePath().normalize().getParent();
    return name != null
        && name.toString().equals(DEFAULT_NAME)
        && parent != null
        && parent.getFileName() != null
        && parent.getFileName().toString().equals("samples");
  }

  /** Writes the sample to {@code out}; progress lines go to {@code log}. */
  public static void generate(Path out, int durationSeconds, PrintWriter log) {
    if (durationSeconds < 1 || durationSeconds > 3600) {
      throw new CommandFailedException(
          "--duration must be from 1 to 3600 seconds", ExitCodes.USAGE);
    }
    Path font =
        FONTS.stream()
            .filter(Files::isReadable)
            .findFirst()
            .orElseThrow(
                () ->
                    new CommandFailedException(
                        "no font for the burnt-in timecode; install Debian's fonts-dejavu-core (see README)",
                        ExitCodes.EXTERNAL));
    String picture =
        String.format(Locale.ROOT, "testsrc2=size=1920x1080:rate=30:duration=%d", durationSeconds);
    String inset = "mandelbrot=size=640x360:rate=30:maxiter=400";
    String graph =
        "[0:v][1:v]overlay=x=W-w-64:y=64:shortest=1,noise=alls=4:allf=t,"
            + "drawtext=fontfile="
            + font
            + ":timecode='00\\:00\\:00\\:00':rate=30:fontsize=96:fontcolor=white:"
            + "box=1:boxcolor=black@0.6:boxborderw=16:x=(w-tw)/2:y=h-th-60[v];"
            + "[2:a][3:a]amerge=inputs=2[a]";
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".sample-", ".mp4");
      List<String> args =
          List.of(
              "-hide_banner",
              "-nostdin",
              "-loglevel",
              "error",
              "-y",
              "-f",
              "lavfi",
              "-i",
              picture,
              "-f",
              "lavfi",
              "-i",
              inset,
              "-f",
              "lavfi",
              "-i",
              "sine=frequency=997:sample_rate=48000:duration=" + durationSeconds,
              "-f",
              "lavfi",
              "-i",
              "sine=frequency=1499:sample_rate=48000:duration=" + durationSeconds,
              "-filter_complex",
              graph,
              "-map",
              "[v]",
              "-map",
              "[a]",
              "-c:v",
              "libx264",
              "-preset",
              "veryfast",
              "-crf",
              "20",
              "-profile:v",
              "high",
              "-pix_fmt",
              "yuv420p",
              "-g",
              "60",
              "-keyint_min",
              "60",
              "-bf",
              "2",
              "-x264-params",
              "scenecut=0:open-gop=0",
              "-c:a",
              "aac",
              "-b:a",
              "192k",
              "-movflags",
              "+faststart",
              "-f",
              "mp4",
              temp.toString());
      log.printf(
          Locale.ROOT,
          "abr: generating the %d s sample %s with the bundled ffmpeg...%n",
          durationSeconds,
          out);
      log.flush();
      Process process =
          FfmpegTools.command(FfmpegTools.ffmpeg(), args).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        Files.deleteIfExists(temp);
        throw new CommandFailedException(
            "ffmpeg could not make the sample (exit " + exit + "): " + output.strip(),
            ExitCodes.INTERNAL);
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted while making the sample", ExitCodes.INTERNAL);
    }
  }
}
