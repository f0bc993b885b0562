package dev.abr.app;

import dev.abr.core.error.PipelineException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
      RunCommand.class,
      StreamCommand.class,
      SampleCommand.class,
      SubmitCommand.class,
      IngestCommand.class,
      TranscoderCommand.class,
      PackagerCommand.class,
      OriginCommand.class,
      dev.abr.app.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AbrCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /**
   * The command line with our error handling (one clear line per problem, no stack trace, for our
   * failures) and the role commands' options read from the process's environment.
   */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * The command line with the role commands' and {@code abr submit}'s environment variables (and
   * the host name behind the default client id) taken from {@code environment} instead of the
   * process's.
   */
  static CommandLine commandLine(Map<String, String> environment) {
    CommandLine commandLine = definitions(environment);
    // The options' declarations are read from this same command line, with the variables in
    // their defaults as written, instead of building every command twice more (0.1 s of every
    // start).
    commandLine.setInterpolateVariables(false);
    List<RoleOption> options = RoleOptions.all(commandLine);
    List<RoleOption> submitOptions = RoleOptions.withVariables(commandLine, SubmitCommand.NAME);
    commandLine.setInterpolateVariables(true);
    for (String role : RoleOptions.COMMANDS) {
      List<RoleOption> own = options.stream().filter(o -> o.command().equals(role)).toList();
      commandLine
          .getSubcommands()
          .get(role)
          .setDefaultValueProvider(new EnvironmentDefaults(environment, own));
    }
    commandLine
        .getSubcommands()
        .get(SubmitCommand.NAME)
        .setDefaultValueProvider(new EnvironmentDefaults(environment, submitOptions));
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine failed = exception.getCommandLine();
          PrintWriter err = failed.getErr();
          err.println("abr: " + exception.getMessage());
          err.println(
              "abr: try: abr "
                  + (failed == commandLine ? "" : failed.getCommandName() + " ")
                  + "--help");
          err.flush();
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          PrintWriter err = line.getErr();
          if (exception instanceof PipelineException pipelineException) {
            err.println(
                "abr: " + pipelineException.getMessage() + " [" + pipelineException.code() + "]");
            err.flush();
            return ExitCodes.forCode(pipelineException.code());
          }
          if (exception instanceof CommandFailedException failed) {
            for (String message : failed.getMessage().split("\n", -1)) {
              err.println("abr: " + message);
            }
            err.flush();
            return failed.exitCode();
          }
          throw exception;
        });
    return commandLine;
  }

  /**
   * The commands and their options as declared, without environment defaults or error handling
   * ({@link RoleOptions} reads the declarations from it).
   */
  static CommandLine definitions(Map<String, String> environment) {
    return new CommandLine(new AbrCommand(), new Factory(environment));
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AbrCommand.class.getPackage().getImplementationVersion();
      return new String[] {"abr " + (version == null ? "dev" : version)};
    }
  }

  /** Creates the commands; gives the Kafka options their environment (for the host name). */
  private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == KafkaOptions.class) {
        return type.cast(new KafkaOptions(environment));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
