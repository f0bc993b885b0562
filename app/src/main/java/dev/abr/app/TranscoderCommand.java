package dev.abr.app;

import dev.abr.core.kafka.WorkerListener;
import dev.abr.media.EncoderThreads;
import dev.abr.s3.StorageLocation;
import dev.abr.transcoder.TranscoderRole;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code abr transcoder}: the transcoder role alone, against an external Kafka and work store. */
@Command(
    name = "transcoder",
    mixinStandardHelpOptions = true,
    description = {
      "Run the transcoder role: consume chunk requests, encode every rendition into the work"
          + " store, hand the fragments to the packager.",
      "Every option can also be given by its environment variable; see README.md."
    })
final class TranscoderCommand implements Callable<Integer> {
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
      defaultValue = "${env:ABR_DRAIN_GRACE_SECONDS:-60}",
      description =
          "On SIGTERM, how long chunks in flight may take to finish (env"
              + " ABR_DRAIN_GRACE_SECONDS, default 60).")
  String drainGrace = "";

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "${env:ABR_TRANSCODE_CONCURRENCY:-1}",
      description =
          "Chunks transcoded at once; each chunk's encoders already use every core (env"
              + " ABR_TRANSCODE_CONCURRENCY, default 1).")
  String concurrency = "";

  @Option(
      names = "--x264-threads",
      paramLabel = "auto|x264|N",
      defaultValue = "${env:ABR_X264_THREADS:-auto}",
      description =
          "Threads per rendition encoder: auto (1.5 per core of the rendition's share of the"
              + " ladder's pixels, the cores divided by --concurrency), x264 (x264's own choice,"
              + " 1.5 per core each) or N (env ABR_X264_THREADS, default auto).")
  String x264Threads = "";

  @Override
  public Integer call() {
    TranscoderConfig config = config();
    return WorkerProcess.run(
        "transcoder",
        config.process(),
        (stores, registry) ->
            TranscoderRole.start(
                config.process().worker(),
                stores.open(config.storage(), "--storage"),
                registry,
                Clock.systemUTC(),
                config.concurrency(),
                config.encoderThreads(),
                WorkerListener.NONE),
        spec.commandLine().getOut());
  }

  /**
   * The validated configuration.
   *
   * @throws CommandFailedException with {@link ExitCodes#USAGE} listing every problem
   */
  TranscoderConfig config() {
    ConfigProblems problems = new ConfigProblems();
    Optional<WorkerProcessConfig> process =
        kafka.processConfig(problems, "transcoder", drainGrace, ops);
    Optional<StorageLocation> work =
        OptionParsers.storage(problems, "--storage", "ABR_STORAGE", storage);
    Optional<Integer> chunks =
        OptionParsers.atLeast(
            problems, "--concurrency", "ABR_TRANSCODE_CONCURRENCY", concurrency, 1);
    Optional<EncoderThreads> threads =
        chunks.flatMap(
            n ->
                OptionParsers.encoderThreads(
                    problems, "--x264-threads", "ABR_X264_THREADS", x264Threads, n));
    problems.throwIfAny();
    return new TranscoderConfig(
        process.orElseThrow(), work.orElseThrow(), chunks.orElseThrow(), threads.orElseThrow());
  }
}
