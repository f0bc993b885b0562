package dev.abr.testkit.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Generates real short media with the FFmpeg executable shipped in the bytedeco artifact, cached
 * under {@code <project>/target/test-media/<spec-hash>.<ext>} so a test run makes each file once.
 */
public final class TestMedia {
  private TestMedia() {}

  /** Returns the path of a file made to {@code spec}, generating it on first use. */
  public static Path generate(MediaSpec spec) {
    String ext = spec.container();
    Path dir = cacheDir();
    List<String> probeArgs = spec.ffmpegArguments("OUT");
    int rotation = spec.video().map(MediaSpec.Video::rotationDegrees).orElse(0);
    // Rotation is added by a remux after encoding, so it is not in the encoding arguments.
    Path file =
        dir.resolve(
            hash(String.join("\u0000", probeArgs) + "\u0000rotation=" + rotation) + "." + ext);
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".gen-", "." + ext);
      if (rotation == 0) {
        run(spec.ffmpegArguments(temp.toString()));
      } else {
        // lavfi inputs carry no display matrix: make the file, then remux it with one.
        Path base = generate(spec.withoutRotation());
        run(
            List.of(
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-display_rotation",
                Integer.toString(rotation),
                "-i",
                base.toString(),
                "-c",
                "copy",
                "-f",
                "mp4",
                temp.toString()));
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the bundled ffmpeg with {@code arguments}; throws with its output if it fails. */
  public static void run(List<String> arguments) {
    runTool(BundledFfmpeg.ffmpeg(), arguments);
  }

  /** Runs the bundled ffprobe with {@code arguments} and returns its standard output. */
  public static String probe(List<String> arguments) {
    return runTool(BundledFfmpeg.ffprobe(), arguments);
  }

  private static String runTool(Path tool, List<String> arguments) {
    try {
      Path errors = Files.createTempFile("abr-tool-", ".log");
      try {
        Process process =
            BundledFfmpeg.command(tool, arguments).redirectError(errors.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
          throw new IllegalStateException(
              tool.getFileName()
                  + " "
                  + arguments
                  + " exited with "
                  + exit
                  + ": "
                  + Files.readString(errors));
        }
        return out;
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The cache folder: {@code <project root>/target/test-media}. */
  public static Path cacheDir() {
    String root = System.getProperty("abr.project.root");
    Path base = root == null ? Path.of("").toAbsolutePath() : Path.of(root);
    return base.resolve("target").resolve("test-media");
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
