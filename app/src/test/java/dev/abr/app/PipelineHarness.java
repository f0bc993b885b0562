package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.id.Ids;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.time.Rational;
import dev.abr.transcoder.TranscoderRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The all-in-one pipeline for tests: the embedded broker and the three roles, exactly as {@code abr
 * vod} runs them, with each job's package under {@code out/<jobId>/}. Tests submit jobs and read
 * every topic back to check the real messages.
 */
final class PipelineHarness implements AutoCloseable {
  private final AllInOne pipeline;
  private final JsonProducer producer;
  private final TopicTail<JobEvent> events;
  private final Path outputRoot;
  private final SimpleMeterRegistry registry;
  private final List<JobEvent> seen = new ArrayList<>();

  private PipelineHarness(
      AllInOne pipeline,
      JsonProducer producer,
      TopicTail<JobEvent> events,
      Path outputRoot,
      SimpleMeterRegistry registry) {
    this.pipeline = pipeline;
    this.producer = producer;
    this.events = events;
    this.outputRoot = outputRoot;
    this.registry = registry;
  }

  static PipelineHarness start(Path folder) {
    return start(folder, dev.abr.ingest.stream.IngestSettings.DEFAULT);
  }

  /** A harness whose ingest uses {@code settings} (for example one segment per chunk). */
  static PipelineHarness start(Path folder, dev.abr.ingest.stream.IngestSettings settings) {
    return start(folder, settings, dev.abr.s3.S3Options.defaults());
  }

  /** A harness whose ingest uses {@code settings} and reads s3:// inputs with {@code s3}. */
  static PipelineHarness start(
      Path folder, dev.abr.ingest.stream.IngestSettings settings, dev.abr.s3.S3Options s3) {
    try {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      Path outputRoot = folder.resolve("out");
      AllInOne pipeline =
          AllInOne.start(
              folder.resolve("work"),
              new LocalObjectStore(outputRoot),
              registry,
              Clock.systemUTC(),
              1,
              TranscoderRole.defaultThreads(1),
              settings,
              s3);
      JsonProducer producer = JsonProducer.create(pipeline.bootstrapServers(), "test-client");
      TopicTail<JobEvent> events =
          TopicTail.fromBeginning(
              pipeline.bootstrapServers(),
              Topics.JOB_EVENTS,
              JobEvent.class,
              Duration.ofSeconds(30));
      return new PipelineHarness(pipeline, producer, events, outputRoot, registry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a job produced: its events in order and its output folder. */
  record JobResult(String jobId, String streamId, Path output, List<JobEvent> events) {
    JobEvent last() {
      return events.get(events.size() - 1);
    }

    boolean completed() {
      return last().type() == JobEventType.COMPLETED;
    }

    List<JobEvent> ofType(JobEventType type) {
      return events.stream().filter(e -> e.type() == type).toList();
    }
  }

  /** Submits a job and waits for its {@code completed} or {@code failed} event. */
  JobResult run(Path input, Ladder ladder, Rational segmentDuration, Duration timeout) {
    String jobId = Ids.random(12);
    String streamId = "s-" + jobId;
    producer.sendAndWait(
        Topics.JOB_SUBMITTED,
        jobId,
        new JobSubmitted(
            jobId,
            streamId,
            input.toString(),
            ladder,
            segmentDuration,
            jobId,
            Clock.systemUTC().instant()));
    List<JobEvent> mine = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JobEvent event : events.poll(Duration.ofMillis(200))) {
        seen.add(event);
        if (event.jobId().equals(jobId)) {
          mine.add(event);
          if (event.type() == JobEventType.COMPLETED || event.type() == JobEventType.FAILED) {
            return new JobResult(jobId, streamId, outputRoot.resolve(jobId), mine);
          }
        }
      }
    }
    throw new AssertionError(
        "job "
            + jobId
            + " on "
            + input
            + " did not finish within "
            + timeout
            + "; events: "
            + mine);
  }

  /** Every record on {@code topic} so far, as JSON trees. */
  List<JsonNode> messages(String topic) {
    try (TopicTail<JsonNode> tail =
        TopicTail.fromBeginning(
            pipeline.bootstrapServers(), topic, JsonNode.class, Duration.ofSeconds(30))) {
      List<JsonNode> records = tail.readToEnd(Duration.ofSeconds(30));
      assertThat(tail.isCaughtUp()).as("read all of " + topic).isTrue();
      return records;
    }
  }

  /** Every record on {@code topic} so far, mapped to {@code type}. */
  <T> List<T> messages(String topic, Class<T> type) {
    try (TopicTail<T> tail =
        TopicTail.fromBeginning(pipeline.bootstrapServers(), topic, type, Duration.ofSeconds(30))) {
      return tail.readToEnd(Duration.ofSeconds(30));
    }
  }

  /** The embedded broker's bootstrap address. */
  String bootstrapServers() {
    return pipeline.bootstrapServers();
  }

  /** Where the packages are written (the packager's output store). */
  Path outputRoot() {
    return outputRoot;
  }

  SimpleMeterRegistry registry() {
    return registry;
  }

  Optional<JobEvent> anyEvent(String jobId, JobEventType type) {
    return seen.stream().filter(e -> e.jobId().equals(jobId) && e.type() == type).findFirst();
  }

  @Override
  public void close() {
    try (pipeline;
        producer;
        events) {
      // Close the clients first, then the pipeline and its broker.
    }
  }
}
