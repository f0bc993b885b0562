package dev.abr.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abr sample}: makes the sample source with the bundled FFmpeg. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description =
        "Make a sample source: 1080p30 moving picture with a burnt-in timecode and a stereo tone (H.264 + AAC, MP4).")
final class SampleCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      description = "Output file (default: ${DEFAULT-VALUE}).",
      defaultValue = "samples/sample-1080p30.mp4")
  Path out;

  @Option(
      names = "--duration",
      description = "Length in seconds (default: ${DEFAULT-VALUE}).",
      defaultValue = "30")
  int durationSeconds;

  @Override
  public Integer call() {
    Samples.generate(out, durationSeconds, spec.commandLine().getErr());
    spec.commandLine().getOut().println(out);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
