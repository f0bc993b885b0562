package dev.abr.app;

import dev.abr.core.error.PipelineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code abr} command. */
@Command(
    name = "abr",
    mixinStandardHelpOptions = true,
    versionProvider = AbrCommand.Version.class,
    description = "Adaptive bitrate transcoding pipeline: sources in, HLS and DASH ladders out.",
    subcommands = {
      VodCommand.class,
      ServeCommand.class,
      SampleCommand.class,
      dev.abr.app.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AbrCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** The command line with our error handling: one clear line, no stack trace, for our failures. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new AbrCommand());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          if (exception instanceof PipelineException pipelineException) {
            line.getErr()
                .println(
                    "abr: "
                        + pipelineException.getMessage()
                        + " ["
                        + pipelineException.code()
                        + "]");
            return ExitCodes.forCode(pipelineException.code());
          }
          if (exception instanceof CommandFailedException failed) {
            line.getErr().println("abr: " + failed.getMessage());
            return failed.exitCode();
          }
          throw exception;
        });
    return commandLine;
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AbrCommand.class.getPackage().getImplementationVersion();
      return new String[] {"abr " + (version == null ? "dev" : version)};
    }
  }
}
