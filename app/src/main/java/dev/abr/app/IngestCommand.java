package dev.abr.app;

import dev.abr.ingest.role.IngestRole;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.s3.StorageLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code abr ingest}: the ingest role alone, against an external Kafka and work store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ingest role: consume submitted jobs, cut sources into chunks in the work store,"
          + " request their transcoding.",
      "Every option can also be given by its environment variable; see README.md."
    })
final class IngestCommand implements Callable<Integer> {
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
      names = "--drain-grace",
      paramLabel = "SECONDS",
      defaultValue = "${env:ABR_DRAIN_GRACE_SECONDS:-20}",
      description =
          "On SIGTERM, how long the job in flight may take to finish (env"
              + " ABR_DRAIN_GRACE_SECONDS, default 20).")
  String drainGrace = "";

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      defaultValue = "${env:ABR_TEMP_DIR:-}",
      description = "Scratch folder for chunk files (env ABR_TEMP_DIR; default the JVM's).")
  String tempDir = "";

  @Option(
      names = "--segments-per-chunk",
      paramLabel = "N",
      defaultValue = "${env:ABR_SEGMENTS_PER_CHUNK:-4}",
      description = "VOD segments per transcoded chunk (env ABR_SEGMENTS_PER_CHUNK, default 4).")
  String segmentsPerChunk = "";

  @Override
  public Integer call() {
    IngestConfig config = config();
    return WorkerProcess.run(
        "ingest",
        config.process(),
        (stores, registry) -> {
          try {
            Files.createDirectories(config.tempDir());
          } catch (IOException e) {
            throw new CommandFailedException(
                "--temp-dir: cannot create " + config.tempDir() + ": " + e.getMessage(),
                ExitCodes.EXTERNAL);
          }
          return IngestRole.start(
              config.process().worker(),
              stores.open(config.storage(), "--storage"),
              config.tempDir(),
              registry,
              Clock.systemUTC(),
              IngestSettings.DEFAULT.withSegmentsPerChunk(config.segmentsPerChunk()));
        },
        spec.commandLine().getOut());
  }

  /**
   * The validated configuration.
   *
   * @throws CommandFailedException with {@link ExitCodes#USAGE} listing every problem
   */
  IngestConfig config() {
    ConfigProblems problems = new ConfigProblems();
    Optional<WorkerProcessConfig> process =
        kafka.processConfig(problems, "ingest", drainGrace, ops);
    Optional<StorageLocation> work =
        OptionParsers.storage(problems, "--storage", "ABR_STORAGE", storage);
    Optional<Path> temp =
        tempDir.isBlank()
            ? Optional.of(Path.of(System.getProperty("java.io.tmpdir")))
            : OptionParsers.folder(problems, "--temp-dir", "ABR_TEMP_DIR", tempDir);
    Optional<Integer> segments =
        OptionParsers.atLeast(
            problems, "--segments-per-chunk", "ABR_SEGMENTS_PER_CHUNK", segmentsPerChunk, 1);
    problems.throwIfAny();
    return new IngestConfig(process.orElseThrow(), work.orElseThrow(), temp.orElseThrow(), segments.orElseThrow());
  }
}
