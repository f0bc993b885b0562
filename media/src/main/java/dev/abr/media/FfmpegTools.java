package dev.abr.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables shipped in the bytedeco FFmpeg artifact (the
 * same libraries the pipeline links), for tests, sample generation and the benchmark. They are
 * extracted to the JavaCPP cache on first use and need their own folder on {@code LD_LIBRARY_PATH},
 * which {@link #command} sets.
 */
public final class FfmpegTools {
  private FfmpegTools() {}

  /** Path of the bundled {@code ffmpeg} executable. */
  public static Path ffmpeg() {
    return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
  }

  /** Path of the bundled {@code ffprobe} executable. */
  public static Path ffprobe() {
    return Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
  }

  /**
   * A process builder running {@code executable} (one of the above) with {@code arguments}, its
   * library folder on {@code LD_LIBRARY_PATH}. Arguments are passed as an argv array, never through
   * a shell.
   */
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
