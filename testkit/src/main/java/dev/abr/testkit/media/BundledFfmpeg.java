package dev.abr.testkit.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg}/{@code ffprobe} executables of the bytedeco FFmpeg artifact, for test support.
 * (Production code uses {@code dev.abr.media.FfmpegTools}; testkit cannot depend on the media
 * module because media's own tests use testkit.)
 */
public final class BundledFfmpeg {
  private BundledFfmpeg() {}

  /** Path of the bundled {@code ffmpeg}. */
  public static Path ffmpeg() {
    return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
  }

  /** Path of the bundled {@code ffprobe}. */
  public static Path ffprobe() {
    return Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
  }

  /** A process running {@code executable} with its library folder on {@code LD_LIBRARY_PATH}. */
  public static ProcessBuilder command(Path executable, List<String> arguments) {
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(argv);
    String libraries = executable.getParent().toString();
    String existing = builder.environment().get("LD_LIBRARY_PATH");
    builder
        .environment()
        .put(
            "LD_LIBRARY_PATH",
            existing == null || existing.isEmpty() ? libraries : libraries + ":" + existing);
    return builder;
  }
}
