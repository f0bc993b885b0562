package dev.abr.app;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.id.Ids;
import dev.abr.core.job.JobDocument;
import dev.abr.core.job.JobDocuments;
import dev.abr.core.job.LadderChoice;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.time.Rational;
import dev.abr.s3.InputLocation;
import dev.abr.s3.LocalInput;
import dev.abr.s3.S3Input;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abr submit}: hands a VOD job to a running cluster (the roles as separate processes, see
 * {@code abr ingest}) through its Kafka, and with {@code --wait} follows the job's events until it
 * completes or fails.
 */
@Command(
    name = SubmitCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Submit a VOD job to a cluster of abr roles through its Kafka; prints the job id and the"
          + " stream id. With --wait, follows the job and prints one line per step.",
      "Exit codes with --wait: 0 completed, 2 bad input, 3 Kafka/storage trouble or --timeout,"
          + " 4 internal error, 64 bad usage."
    })
final class SubmitCommand implements Callable<Integer> {
  /** The subcommand's name. */
  static final String NAME = "submit";

  /** The Kafka client id of the submitting producer. */
  static final String CLIENT_ID = "abr-submit";

  /** How long to wait for Kafka to answer (topic check, first send, opening the event tail). */
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "INPUT",
      description =
          "The media file as the ingest process reads it: an absolute path on the ingest's file"
              + " system, or s3://bucket/key with optional ?endpoint=...&pathStyle=...&region=..."
              + " (as in a storage URL; credentials are the ingest's AWS default chain, never in"
              + " the URL).")
  String input = "";

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      defaultValue = "${env:ABR_KAFKA_BOOTSTRAP:-}",
      description = "Kafka bootstrap servers of the cluster (env ABR_KAFKA_BOOTSTRAP; required).")
  String bootstrapServers = "";

  @Option(
      names = "--ladder",
      paramLabel = "NAME|FILE",
      defaultValue = LadderDocuments.DEFAULT,
      description =
          "Built-in ladder name (default, small) or a ladder JSON file read here (default:"
              + " ${DEFAULT-VALUE}).")
  String ladder = LadderDocuments.DEFAULT;

  @Option(
      names = "--segment-duration",
      paramLabel = "SECONDS",
      defaultValue = JobDocument.DEFAULT_SEGMENT_DURATION_TEXT,
      description = "Target segment duration, 1 to 30, e.g. 4 or 6 or 2.002 (default: 4).")
  String segmentDuration = JobDocument.DEFAULT_SEGMENT_DURATION_TEXT;

  @Option(
      names = "--stream-id",
      paramLabel = "ID",
      description =
          "Stream id, the public name of the package (its key prefix in the output store);"
              + " 1 to 64 of A-Z a-z 0-9 _ - (default: the input's name and the job id).")
  @Nullable String streamId;

  @Option(names = "--wait", description = "Follow the job until it completes or fails.")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "With --wait, give up after this many seconds (default: wait until it ends).")
  @Nullable String timeout;

  /**
   * What {@code abr submit} was asked to do, validated.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param input the job's input
   * @param ladder the ladder choice, resolved when the job is made
   * @param segmentDuration target segment duration in seconds, from 1 to 30
   * @param streamId the stream id, or empty to derive one
   * @param await whether to follow the job
   * @param timeout how long to follow it at most; empty for no limit
   */
  record Config(
      String bootstrapServers,
      InputLocation input,
      LadderChoice ladder,
      Rational segmentDuration,
      Optional<String> streamId,
      boolean await,
      Optional<Duration> timeout) {}

  @Override
  public Integer call() {
    Config config = config();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    // A bad ladder fails here exactly as in abr vod: INPUT_INVALID_DOCUMENT, exit code 2.
    Ladder resolvedLadder =
        JobDocuments.resolveLadder(config.ladder(), Path.of("").toAbsolutePath());
    String jobId = Ids.random(12);
    String stream = config.streamId().orElseGet(() -> defaultStreamId(config.input(), jobId));
    requireTopics(config.bootstrapServers());
    JobSubmitted job =
        new JobSubmitted(
            jobId,
            stream,
            config.input().text(),
            resolvedLadder,
            config.segmentDuration(),
            stream,
            clock.instant());
    try (JsonProducer producer = JsonProducer.create(config.bootstrapServers(), CLIENT_ID)) {
      if (!config.await()) {
        send(producer, job, clock);
        printIds(out, job);
        return ExitCodes.OK;
      }
      // Positioned before the job is sent, so the tail sees every event of the job.
      try (TopicTail<JobEvent> events =
          TopicTail.fromEnd(
              config.bootstrapServers(), Topics.JOB_EVENTS, JobEvent.class, KAFKA_TIMEOUT)) {
        long startNanos = System.nanoTime();
        send(producer, job, clock);
        printIds(out, job);
        print(err, startNanos, "submitted; following the job until it ends");
        JobEvent end = follow(events, jobId, config.timeout(), startNanos, err);
        return finish(end, startNanos, out, err);
      }
    }
  }

  /**
   * The validated options.
   *
   * @throws CommandFailedException with {@link ExitCodes#USAGE} listing every problem
   */
  Config config() {
    ConfigProblems problems = new ConfigProblems();
    Optional<String> bootstrap =
        OptionParsers.bootstrapServers(
            problems, "--kafka", "ABR_KAFKA_BOOTSTRAP", bootstrapServers);
    Optional<InputLocation> location = input(problems);
    Optional<LadderChoice> choice = ladderChoice(problems);
    Optional<Rational> duration = segmentDuration(problems);
    Optional<String> id = Optional.ofNullable(streamId).map(String::strip);
    if (id.isPresent() && !Ids.isValid(id.get())) {
      problems.add(
          "--stream-id",
          "",
          "must be 1 to 64 of A-Z a-z 0-9 _ -, not" + shown(ConfigProblems.quoted(id.get())));
    }
    Optional<Optional<Duration>> limit = Optional.of(Optional.empty());
    if (timeout != null) {
      limit = OptionParsers.seconds(problems, "--timeout", "", timeout, 1).map(Optional::of);
      if (!await) {
        problems.add("--timeout", "", "only applies with --wait: add --wait or leave it out");
      }
    }
    problems.throwIfAny();
    return new Config(
        bootstrap.orElseThrow(),
        location.orElseThrow(),
        choice.orElseThrow(),
        duration.orElseThrow(),
        id,
        await,
        limit.orElseThrow());
  }

  private Optional<InputLocation> input(ConfigProblems problems) {
    InputLocation location;
    try {
      location = InputLocation.parse(input);
    } catch (IllegalArgumentException e) {
      // InputLocation's messages never echo user info or URL parameters.
      problems.add("INPUT", "", e.getMessage());
      return Optional.empty();
    }
    if (location instanceof LocalInput local && !local.file().isAbsolute()) {
      problems.add(
          "INPUT",
          "",
          "a local path must be absolute: the ingest process opens it on its own file system, not"
              + " this one (or give s3://bucket/key)");
      return Optional.empty();
    }
    return Optional.of(location);
  }

  /** As {@code abr vod}: a name ending in {@code .json} is a ladder file, else a built-in name. */
  private Optional<LadderChoice> ladderChoice(ConfigProblems problems) {
    try {
      return Optional.of(
          ladder.endsWith(".json")
              ? new LadderChoice.InFile(ladder)
              : new LadderChoice.BuiltIn(ladder.strip()));
    } catch (IllegalArgumentException e) {
      problems.add(
          "--ladder",
          "",
          e.getMessage()
              + " (built-in ladders: "
              + String.join(", ", LadderDocuments.builtInNames())
              + "; a ladder file name ends in .json)");
      return Optional.empty();
    }
  }

  private Optional<Rational> segmentDuration(ConfigProblems problems) {
    String problem =
        "must be seconds from "
            + JobDocument.MIN_SEGMENT_DURATION
            + " to "
            + JobDocument.MAX_SEGMENT_DURATION
            + ", e.g. 4, 6 or 2.002, not"
            + shown(ConfigProblems.quoted(segmentDuration.strip()));
    Rational duration;
    try {
      duration = Rational.parse(segmentDuration.strip());
    } catch (IllegalArgumentException e) {
      problems.add("--segment-duration", "", problem);
      return Optional.empty();
    }
    if (duration.compareTo(JobDocument.MIN_SEGMENT_DURATION) < 0
        || duration.compareTo(JobDocument.MAX_SEGMENT_DURATION) > 0) {
      problems.add("--segment-duration", "", problem);
      return Optional.empty();
    }
    return Optional.of(duration);
  }

  private static String shown(String quoted) {
    return quoted.isEmpty() ? " that value" : quoted;
  }

  /** The input's base name made an id, then the job id: unique, and readable in output paths. */
  static String defaultStreamId(InputLocation input, String jobId) {
    String name =
        switch (input) {
          case LocalInput local ->
              local.file().getFileName() == null ? "" : local.file().getFileName().toString();
          case S3Input object -> object.fileName();
        };
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return Ids.slug(base, 63 - jobId.length()) + "-" + jobId;
  }

  /** Fails with one clear line when the cluster's Kafka lacks the topics a job needs. */
  private static void requireTopics(String bootstrapServers) {
    List<String> missing =
        KafkaTopics.missing(
            bootstrapServers, List.of(Topics.JOB_SUBMITTED, Topics.JOB_EVENTS), KAFKA_TIMEOUT);
    if (!missing.isEmpty()) {
      throw new CommandFailedException(
          "Kafka has no topic "
              + String.join(", ", missing)
              + ": is --kafka (ABR_KAFKA_BOOTSTRAP) the cluster's? Its roles create the topics"
              + " with --create-topics, or Strimzi does",
          ExitCodes.EXTERNAL);
    }
  }

  /** Publishes the job's {@code submitted} event, then the job, as {@code abr vod} does. */
  private static void send(JsonProducer producer, JobSubmitted job, Clock clock) {
    producer.sendAndWait(
        Topics.JOB_EVENTS,
        job.jobId(),
        JobEvent.of(job.jobId(), job.streamId(), JobEventType.SUBMITTED, clock.instant()));
    producer.sendAndWait(Topics.JOB_SUBMITTED, job.jobId(), job);
  }

  private static void printIds(PrintWriter out, JobSubmitted job) {
    out.println("job: " + job.jobId());
    out.println("stream: " + job.streamId());
    out.flush();
  }

  /**
   * Reads the job's events until its {@code completed} or {@code failed} one, printing one line the
   * first time each step is seen.
   *
   * @throws CommandFailedException with {@link ExitCodes#EXTERNAL} when {@code timeout} passes
   */
  private static JobEvent follow(
      TopicTail<JobEvent> events,
      String jobId,
      Optional<Duration> timeout,
      long startNanos,
      PrintWriter err) {
    Set<JobEventType> seen = EnumSet.noneOf(JobEventType.class);
    while (true) {
      Duration wait = Duration.ofMillis(250);
      if (timeout.isPresent()) {
        long leftNanos = timeout.get().toNanos() - (System.nanoTime() - startNanos);
        if (leftNanos <= 0) {
          throw new CommandFailedException(
              "job "
                  + jobId
                  + " did not end within --timeout "
                  + timeout.get().toSeconds()
                  + " s (last step: "
                  + (seen.isEmpty() ? "none yet: is an ingest running?" : last(seen))
                  + "); it goes on in the cluster, its events are on "
                  + Topics.JOB_EVENTS,
              ExitCodes.EXTERNAL);
        }
        wait = Duration.ofNanos(Math.min(wait.toNanos(), leftNanos));
      }
      for (JobEvent event : events.poll(wait)) {
        if (!event.jobId().equals(jobId)) {
          continue;
        }
        if (event.type() == JobEventType.COMPLETED || event.type() == JobEventType.FAILED) {
          return event;
        }
        if (seen.add(event.type())) {
          milestone(event).ifPresent(line -> print(err, startNanos, line));
        }
      }
    }
  }

  /** The line for the first event of a step, if the step has one. */
  private static Optional<String> milestone(JobEvent event) {
    return switch (event.type()) {
      case SUBMITTED -> Optional.empty(); // ours, printed when sent
      case PROBED -> Optional.of("probed: " + event.detail().orElse("(no details)"));
      case CHUNK_CUT -> Optional.of("cutting: first chunk cut");
      case CHUNKING_COMPLETED ->
          Optional.of(
              "cutting completed: "
                  + event.total().map(total -> total + " segments").orElse("done"));
      case FRAGMENT_TRANSCODED ->
          Optional.of(
              "transcoding: first chunk transcoded"
                  + event.rendition().map(r -> " (" + r + ")").orElse(""));
      case SEGMENT_PACKAGED -> Optional.of("packaging: first segment published");
      case COMPLETED, FAILED -> Optional.empty(); // the end, handled by the caller
    };
  }

  /** The furthest step seen, in pipeline order. */
  private static String last(Set<JobEventType> seen) {
    JobEventType last = null;
    for (JobEventType type : seen) {
      last = type;
    }
    return String.valueOf(last).toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static void print(PrintWriter err, long startNanos, String line) {
    err.printf(Locale.ROOT, "abr: [%5.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
    err.flush();
  }

  /**
   * Prints a completed job's manifests, or fails with a failed job's error.
   *
   * @throws CommandFailedException with the exit code of the job's error code when it failed
   */
  private static int finish(JobEvent end, long startNanos, PrintWriter out, PrintWriter err) {
    if (end.type() == JobEventType.FAILED) {
      ErrorCode code = end.error().map(e -> e.code()).orElse(ErrorCode.INTERNAL_ERROR);
      String message = end.error().map(e -> e.message()).orElse("no reason given");
      throw new CommandFailedException(
          "job " + end.jobId() + " failed: " + message + " [" + code + "]",
          ExitCodes.forCode(code));
    }
    print(
        err,
        startNanos,
        "completed: " + end.total().map(total -> total + " segments").orElse("done"));
    if (end.outputs().isPresent()) {
      out.println("HLS:  " + end.outputs().get().hls());
      out.println("DASH: " + end.outputs().get().dash());
      out.flush();
      err.println(
          "abr: (keys in the packager's output store, --output; abr origin serves them at /KEY)");
      err.flush();
    }
    return ExitCodes.OK;
  }
}
