package dev.abr.app;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.id.Ids;
import dev.abr.core.job.JobDocument;
import dev.abr.core.job.JobDocuments;
import dev.abr.core.job.LadderChoice;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.Rational;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.media.EncoderThreads;
import dev.abr.s3.S3Options;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abr vod}: packages one file end to end on the embedded default (a real KRaft broker in
 * this JVM, a local work folder) and writes HLS and DASH to an output folder.
 */
@Command(
    name = "vod",
    mixinStandardHelpOptions = true,
    description = {
      "Transcode and package a media file into an HLS + DASH ladder, through an embedded Kafka broker.",
      "The first run builds the project; a missing samples/"
          + Samples.DEFAULT_NAME
          + " is generated."
    })
final class VodCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "The media file (MP4/MOV, MKV/WebM, TS, FLV, AVI, MXF, WAV, MP3, ...).")
  @Nullable Path file;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output folder (default: a folder named after the input, in the current folder).")
  @Nullable Path out;

  @Option(
      names = "--ladder",
      paramLabel = "NAME|FILE",
      description =
          "Built-in ladder name (default, small) or a ladder JSON file (default: default).")
  @Nullable String ladder;

  @Option(
      names = "--segment-duration",
      paramLabel = "SECONDS",
      description = "Target segment duration, e.g. 4 or 6 or 2.002 (default: 4).")
  @Nullable String segmentDuration;

  @Option(
      names = "--job",
      paramLabel = "FILE",
      description =
          "A job document (schemas/job.v1.schema.json) instead of FILE and the options above.")
  @Nullable Path job;

  @Option(
      names = "--overwrite",
      description = "Replace an existing abr output in the output folder.")
  boolean overwrite;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "Folder for the broker's data and intermediate objects (default: ~/.cache/abr/runs).")
  @Nullable Path work;

  @Option(
      names = "--keep-work",
      description = "Keep the work folder after the run (for inspection).")
  boolean keepWork;

  @Option(
      names = "--transcode-concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Chunks transcoded at once (default: ${DEFAULT-VALUE}; each chunk's encoders already use every core).")
  int transcodeConcurrency;

  @Option(
      names = "--x264-threads",
      paramLabel = "auto|x264|N",
      defaultValue = "${env:ABR_X264_THREADS:-auto}",
      description =
          "Threads per rendition encoder: auto (default: 1.5 per core of the rendition's share of"
              + " the ladder's pixels), x264 (x264's own choice, 1.5 per core each) or N (env"
              + " ABR_X264_THREADS).")
  String x264Threads = EncoderThreads.AUTO;

  @Option(
      names = "--segments-per-chunk",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "Segments per transcoded chunk (default: ${DEFAULT-VALUE}); longer chunks mean fewer encoder starts.")
  int segmentsPerChunk;

  @Option(
      names = "--timings",
      description = "Print start-up timings (broker, roles, first chunk consumed).")
  boolean timings;

  @Option(
      names = "--stall-timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "Fail when no job event arrives for this long (default: ${DEFAULT-VALUE}).")
  int stallTimeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    Instant started = clock.instant();
    EncoderThreads encoderThreads = encoderThreads();
    Path cwd = Path.of("").toAbsolutePath();
    JobDocument document = document(cwd);
    Path input = cwd.resolve(document.input()).normalize();
    if (!Files.exists(input) && Samples.isDefaultSample(input)) {
      Samples.generate(input, 30, err);
    }
    Ladder resolvedLadder = JobDocuments.resolveLadder(document.ladder(), cwd);
    Path output =
        document
            .output()
            .map(cwd::resolve)
            .orElseGet(() -> cwd.resolve(baseName(input)))
            .normalize();
    boolean outputExisted = Files.exists(output);
    prepareOutput(output);
    String jobId = document.jobId().orElseGet(() -> Ids.random(12));
    String streamId = document.streamId().orElseGet(() -> Ids.slug(baseName(input), 40));
    Path workDir = (work == null ? WorkFolder.defaultRoot() : work.toAbsolutePath()).resolve(jobId);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Outcome outcome;
    long followed = 0;
    try {
      LocalObjectStore outputStore = new LocalObjectStore(output);
      try (AllInOne all =
              AllInOne.start(
                  workDir,
                  outputStore,
                  registry,
                  clock,
                  transcodeConcurrency,
                  encoderThreads,
                  IngestSettings.DEFAULT.withSegmentsPerChunk(segmentsPerChunk),
                  S3Options.defaults());
          JsonProducer producer = JsonProducer.create(all.bootstrapServers(), "abr-cli");
          TopicTail<JobEvent> events =
              TopicTail.fromBeginning(
                  all.bootstrapServers(),
                  Topics.JOB_EVENTS,
                  JobEvent.class,
                  Duration.ofSeconds(30))) {
        JobSubmitted submitted =
            new JobSubmitted(
                jobId,
                streamId,
                input.toString(),
                resolvedLadder,
                document.segmentDuration(),
                "",
                clock.instant());
        producer.sendAndWait(
            Topics.JOB_EVENTS,
            jobId,
            JobEvent.of(jobId, streamId, JobEventType.SUBMITTED, clock.instant()));
        producer.sendAndWait(Topics.JOB_SUBMITTED, jobId, submitted);
        List<String> rungs = resolvedLadder.video().rungs().stream().map(r -> r.name()).toList();
        outcome = follow(events, jobId, new Progress(err, isTerminal(), List.of()), rungs, err);
        if (timings) {
          err.println("abr: " + all.timings().describe());
          err.flush();
        }
        followed = System.nanoTime();
      }
      if (timings) {
        err.printf(
            Locale.ROOT,
            "abr: roles and broker stopped in %.2f s%n",
            (System.nanoTime() - followed) / 1e9);
        err.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!keepWork) {
        WorkFolder.deleteRecursively(workDir);
      }
    }
    if (outcome.failure().isPresent()) {
      JobEvent failed = outcome.failure().get();
      removePartialOutput(output, outputExisted);
      ErrorCode code = failed.error().map(e -> e.code()).orElse(ErrorCode.INTERNAL_ERROR);
      String message = failed.error().map(e -> e.message()).orElse("the job failed");
      throw new CommandFailedException(message + " [" + code + "]", ExitCodes.forCode(code));
    }
    report(
        output,
        outcome.completed().orElseThrow(),
        registry,
        Duration.between(started, clock.instant()),
        spec.commandLine().getOut(),
        err);
    return ExitCodes.OK;
  }

  private EncoderThreads encoderThreads() {
    ConfigProblems problems = new ConfigProblems();
    if (transcodeConcurrency < 1) {
      problems.add(
          "--transcode-concurrency", "", "must be at least 1, not " + transcodeConcurrency);
    }
    Optional<EncoderThreads> threads =
        OptionParsers.encoderThreads(
            problems,
            "--x264-threads",
            "ABR_X264_THREADS",
            x264Threads,
            Math.max(1, transcodeConcurrency));
    problems.throwIfAny();
    return threads.orElseThrow();
  }

  private JobDocument document(Path cwd) {
    if (job != null) {
      if (file != null || ladder != null || segmentDuration != null) {
        throw new CommandFailedException(
            "give either --job or FILE with options, not both", ExitCodes.USAGE);
      }
      JobDocument loaded = JobDocuments.load(job);
      if (out != null) {
        loaded =
            new JobDocument(
                loaded.input(),
                loaded.ladder(),
                loaded.segmentDuration(),
                Optional.of(out.toString()),
                loaded.jobId(),
                loaded.streamId());
      }
      return loaded;
    }
    if (file == null) {
      throw new CommandFailedException(
          "give a media FILE (or --job FILE); try: ./abr vod samples/" + Samples.DEFAULT_NAME,
          ExitCodes.USAGE);
    }
    LadderChoice choice =
        ladder == null
            ? new LadderChoice.BuiltIn(LadderDocuments.DEFAULT)
            : ladder.endsWith(".json")
                ? new LadderChoice.InFile(ladder)
                : new LadderChoice.BuiltIn(ladder);
    Rational duration;
    try {
      duration =
          segmentDuration == null
              ? JobDocument.DEFAULT_SEGMENT_DURATION
              : Rational.parse(segmentDuration);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("--segment-duration: " + e.getMessage(), ExitCodes.USAGE);
    }
    try {
      return new JobDocument(
          file.toString(),
          choice,
          duration,
          Optional.ofNullable(out).map(Path::toString),
          Optional.empty(),
          Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException(e.getMessage(), ExitCodes.USAGE);
    }
  }

  private void prepareOutput(Path output) {
    if (WorkFolder.isAbsentOrEmpty(output)) {
      return;
    }
    if (!Files.isDirectory(output)) {
      throw new CommandFailedException(
          "output " + output + " exists and is not a folder; choose another --out",
          ExitCodes.INPUT);
    }
    boolean abrOutput =
        Files.exists(output.resolve(StorageLayout.HLS_MULTIVARIANT))
            || Files.exists(output.resolve(StorageLayout.DASH_MPD));
    if (!overwrite || !abrOutput) {
      throw new CommandFailedException(
          "output folder "
              + output
              + " is not empty; choose another --out"
              + (abrOutput
                  ? " or add --overwrite to replace the package in it"
                  : " (it does not hold an abr package, so --overwrite will not touch it)"),
          ExitCodes.INPUT);
    }
    try (var entries = Files.list(output)) {
      entries.forEach(WorkFolder::deleteRecursivelyOrFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void removePartialOutput(Path output, boolean existedBefore) {
    // The folder was absent or empty when we started: everything in it is ours and incomplete.
    if (!Files.exists(output)) {
      return;
    }
    if (existedBefore) {
      try (var entries = Files.list(output)) {
        entries.forEach(WorkFolder::deleteRecursivelyOrFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      WorkFolder.deleteRecursively(output);
    }
  }

  /** The job's end: its completed or failed event. */
  private record Outcome(Optional<JobEvent> completed, Optional<JobEvent> failure) {}

  private Outcome follow(
      TopicTail<JobEvent> events,
      String jobId,
      Progress progress,
      List<String> rungs,
      PrintWriter err) {
    progress.renditions(List.of());
    long stallNanos = Duration.ofSeconds(stallTimeoutSeconds).toNanos();
    long lastEvent = System.nanoTime();
    try {
      while (true) {
        List<JobEvent> batch = events.poll(Duration.ofMillis(250));
        for (JobEvent event : batch) {
          if (!event.jobId().equals(jobId)) {
            continue;
          }
          lastEvent = System.nanoTime();
          switch (event.type()) {
            case PROBED -> {
              event
                  .detail()
                  .ifPresent(
                      detail -> {
                        err.println("abr: " + detail);
                        err.flush();
                      });
              progress.renditions(rungs);
            }
            case COMPLETED -> {
              return new Outcome(Optional.of(event), Optional.empty());
            }
            case FAILED -> {
              return new Outcome(Optional.empty(), Optional.of(event));
            }
            default -> progress.apply(event);
          }
        }
        if (System.nanoTime() - lastEvent > stallNanos) {
          return new Outcome(
              Optional.empty(),
              Optional.of(
                  JobEvent.of(jobId, jobId, JobEventType.FAILED, Instant.now())
                      .withError(
                          new dev.abr.core.message.JobError(
                              ErrorCode.WORKER_OVERLOADED,
                              "no progress for "
                                  + stallTimeoutSeconds
                                  + " s; the job was abandoned (see the log above)"))));
        }
      }
    } finally {
      progress.finish();
    }
  }

  private static void report(
      Path output,
      JobEvent completed,
      SimpleMeterRegistry registry,
      Duration elapsed,
      PrintWriter out,
      PrintWriter err) {
    long segments = completed.total().orElse(0L);
    err.printf(
        Locale.ROOT, "abr: done in %.1f s: %d segments%n", elapsed.toMillis() / 1000.0, segments);
    err.print(MetricsSummary.of(registry));
    err.flush();
    out.println("HLS:  " + output.resolve(StorageLayout.HLS_MULTIVARIANT));
    out.println("DASH: " + output.resolve(StorageLayout.DASH_MPD));
    out.println("Play: ./abr serve " + output);
    out.flush();
  }

  private static String baseName(Path input) {
    String name = input.getFileName() == null ? "media" : input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static boolean isTerminal() {
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
