package dev.abr.app;

import dev.abr.packager.stream.PackagerRole;
import dev.abr.s3.StorageLocation;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code abr packager}: the packager role alone, against an external Kafka and stores. */
@Command(
    name = "packager",
    mixinStandardHelpOptions = true,
    description = {
      "Run the packager role: check and publish segments from the work store to the output store,"
          + " write HLS and DASH manifests.",
      "Every option can also be given by its environment variable; see README.md."
    })
final class PackagerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;
  @Mixin OpsOptions ops;

  @Option(
      names = "--storage",
      paramLabel = "URL",
      defaultValue = "${env:ABR_STORAGE:-}",
      description = "Work store: a folder or s3://bucket/prefix?endpoint=... (env ABR_STORAGE).")
  String storage = "";

  @Option(
      names = "--output",
      paramLabel = "URL",
      defaultValue = "${env:ABR_OUTPUT:-}",
      description = "Output store: a folder or s3://bucket/prefix?endpoint=... (env ABR_OUTPUT).")
  String output = "";

  @Option(
      names = "--drain-grace",
      paramLabel = "SECONDS",
      defaultValue = "${env:ABR_DRAIN_GRACE_SECONDS:-20}",
      description =
          "On SIGTERM, how long events in flight may take to finish (env"
              + " ABR_DRAIN_GRACE_SECONDS, default 20).")
  String drainGrace = "";

  @Override
  public Integer call() {
    PackagerConfig config = config();
    return WorkerProcess.run(
        "packager",
        config.process(),
        (stores, registry) ->
            PackagerRole.start(
                config.process().worker(),
                stores.open(config.storage(), "--storage"),
                stores.open(config.output(), "--output"),
                registry,
                Clock.systemUTC()),
        spec.commandLine().getOut());
  }

  /**
   * The validated configuration.
   *
   * @throws CommandFailedException with {@link ExitCodes#USAGE} listing every problem
   */
  PackagerConfig config() {
    ConfigProblems problems = new ConfigProblems();
    Optional<WorkerProcessConfig> process =
        kafka.processConfig(problems, "packager", drainGrace, ops);
    Optional<StorageLocation> work =
        OptionParsers.storage(problems, "--storage", "ABR_STORAGE", storage);
    Optional<StorageLocation> out =
        OptionParsers.storage(problems, "--output", "ABR_OUTPUT", output);
    problems.throwIfAny();
    return new PackagerConfig(process.orElseThrow(), work.orElseThrow(), out.orElseThrow());
  }
}
