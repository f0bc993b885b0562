package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.broker.EmbeddedKafka;
import dev.abr.core.id.Ids;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.time.Rational;
import dev.abr.ingest.role.IngestRole;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import dev.abr.transcoder.TranscoderRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code abr transcoder} processes while they transcode a chunk of a few seconds (a 6 s
 * 720p source as one chunk, three renditions): a drain finishes and commits the chunk and exits 0
 * within the grace, with {@code /readyz} at 503 meanwhile; a grace too short, or a second SIGTERM,
 * stops at once and leaves the chunk to be redelivered. Ingest runs in this JVM to cut the chunks.
 */
class TranscoderDrainTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final MediaSpec SOURCE = MediaSpec.h264Aac(1280, 720, Rational.of(30), 6);

  @TempDir static Path folder;
  static EmbeddedKafka kafka;
  static IngestRole ingest;
  static JsonProducer producer;
  static Path source;

  @BeforeAll
  static void startKafkaAndIngest() throws IOException {
    source = TestMedia.generate(SOURCE);
    kafka = EmbeddedKafka.start(folder.resolve("kafka"));
    KafkaTopics.ensure(kafka.bootstrapServers(), KafkaTopics.defaults(), START);
    ingest =
        IngestRole.start(
            WorkerSettings.of(kafka.bootstrapServers(), "ingest-drain-test"),
            new LocalObjectStore(folder.resolve("work")),
            folder.resolve("tmp"),
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            IngestSettings.DEFAULT.withSegmentsPerChunk(3));
    producer = JsonProducer.create(kafka.bootstrapServers(), "drain-test");
  }

  @AfterAll
  static void stop() {
    try (EmbeddedKafka broker = kafka;
        IngestRole role = ingest;
        JsonProducer client = producer) {
      // Closed in reverse order.
    }
  }

  @Test
  void sigterm_chunkInFlight_finishesCommitsAndExitsZeroWithinTheGrace() {
    try (AbrProcess transcoder = startTranscoder("drain", "60")) {
      URI ops = awaitReady(transcoder);
      String stream = submitJob();
      transcoder.awaitLog("chunk 0 of stream " + stream + " received", START);

      long signalled = System.nanoTime();
      transcoder.terminate();
      boolean notReadyWhileDraining = awaitNotReadyWhileAlive(transcoder, ops);
      int exit = transcoder.awaitExit(Duration.ofSeconds(90));
      Duration drain = Duration.ofNanos(System.nanoTime() - signalled);
      System.out.println("transcoder drained a chunk in flight in " + drain.toMillis() + " ms");

      assertThat(exit).as(transcoder.logs()).isEqualTo(ExitCodes.OK);
      assertThat(notReadyWhileDraining).as("/readyz was 503 while draining").isTrue();
      assertThat(drain).isLessThan(Duration.ofSeconds(60));
      assertThat(transcoder.err()).contains("chunk 0 of stream " + stream + " transcoded");
      assertThat(uncommitted(stream)).as("records left in the chunk's partition").isZero();
    }
  }

  @Test
  void sigterm_idle_exitsZeroPromptly() {
    try (AbrProcess transcoder = startTranscoder("idle", "60")) {
      awaitReady(transcoder);

      long signalled = System.nanoTime();
      transcoder.terminate();
      int exit = transcoder.awaitExit(Duration.ofSeconds(30));
      Duration stop = Duration.ofNanos(System.nanoTime() - signalled);
      System.out.println("idle transcoder stopped in " + stop.toMillis() + " ms");

      assertThat(exit).as(transcoder.logs()).isEqualTo(ExitCodes.OK);
      assertThat(stop).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void sigterm_graceShorterThanTheChunk_exitsPromptlyAndTheChunkIsRedelivered() {
    String stream;
    try (AbrProcess first = startTranscoder("short-grace", "1")) {
      awaitReady(first);
      stream = submitJob();
      first.awaitLog("chunk 0 of stream " + stream + " received", START);

      long signalled = System.nanoTime();
      first.terminate();
      int exit = first.awaitExit(Duration.ofSeconds(30));
      Duration stop = Duration.ofNanos(System.nanoTime() - signalled);
      System.out.println("transcoder with a 1 s grace stopped in " + stop.toMillis() + " ms");

      assertThat(exit).as(first.logs()).isEqualTo(WorkerProcess.EXIT_UNDRAINED);
      assertThat(stop).isLessThan(Duration.ofSeconds(20));
      assertThat(uncommitted(stream)).isPositive();
    }
    try (AbrProcess second = startTranscoder("redelivered", "60")) {
      second.awaitLog("chunk 0 of stream " + stream + " transcoded", Duration.ofSeconds(90));
      Awaits.until("the chunk is committed", START, () -> uncommitted(stream) == 0);
    }
  }

  @Test
  void secondSigterm_chunkInFlight_stopsAtOnceWithoutCommitting() {
    try (AbrProcess transcoder = startTranscoder("twice", "60")) {
      URI ops = awaitReady(transcoder);
      String stream = submitJob();
      transcoder.awaitLog("chunk 0 of stream " + stream + " received", START);

      long signalled = System.nanoTime();
      transcoder.terminate();
      awaitNotReadyWhileAlive(transcoder, ops);
      transcoder.terminate();
      int exit = transcoder.awaitExit(Duration.ofSeconds(30));
      Duration stop = Duration.ofNanos(System.nanoTime() - signalled);
      System.out.println("transcoder signalled twice stopped in " + stop.toMillis() + " ms");

      assertThat(exit).as(transcoder.logs()).isEqualTo(WorkerProcess.EXIT_UNDRAINED);
      assertThat(stop).isLessThan(Duration.ofSeconds(20));
      assertThat(transcoder.err()).doesNotContain("of stream " + stream + " transcoded");
      assertThat(uncommitted(stream)).isPositive();
    }
  }

  private static AbrProcess startTranscoder(String name, String drainGraceSeconds) {
    return AbrProcess.start(
        folder.resolve("logs"),
        name,
        Map.of("ABR_DRAIN_GRACE_SECONDS", drainGraceSeconds),
        "transcoder",
        "--kafka",
        kafka.bootstrapServers(),
        "--storage",
        folder.resolve("work").toString(),
        "--client-id",
        "transcoder-" + name,
        "--http-port",
        "0",
        "--http-host",
        "127.0.0.1");
  }

  private static URI awaitReady(AbrProcess transcoder) {
    URI ops = transcoder.opsUri(START);
    Awaits.until(
        transcoder + " is ready", START, () -> AbrProcess.status(ops, "/readyz").orElse(0) == 200);
    return ops;
  }

  /** Waits for /readyz to answer 503; false if the process exited first. */
  private static boolean awaitNotReadyWhileAlive(AbrProcess transcoder, URI ops) {
    AtomicBoolean seen = new AtomicBoolean();
    Awaits.until(
        transcoder + " answers 503 on /readyz or exits",
        Duration.ofSeconds(30),
        () -> {
          if (AbrProcess.status(ops, "/readyz").orElse(0) == 503) {
            seen.set(true);
            return true;
          }
          return !transcoder.isAlive();
        });
    return seen.get();
  }

  /** Submits the source as a job of one chunk; returns its stream id. */
  private static String submitJob() {
    String jobId = Ids.random(12);
    String stream = "s-" + jobId;
    producer.sendAndWait(
        Topics.JOB_SUBMITTED,
        jobId,
        new JobSubmitted(
            jobId,
            stream,
            source.toString(),
            LadderDocuments.builtIn(LadderDocuments.DEFAULT),
            Rational.of(2),
            jobId,
            Clock.systemUTC().instant()));
    return stream;
  }

  /**
   * Records of the partition holding chunk 0 of {@code stream} that group {@code abr-transcoder}
   * has not committed (end offset minus committed offset).
   */
  private static long uncommitted(String stream) {
    byte[] key = Topics.chunkKey(stream, 0).getBytes(StandardCharsets.UTF_8);
    int partitions =
        KafkaTopics.defaults().stream()
            .filter(spec -> spec.name().equals(Topics.TRANSCODE_REQUESTED))
            .findFirst()
            .orElseThrow()
            .partitions();
    TopicPartition partition =
        new TopicPartition(
            Topics.TRANSCODE_REQUESTED, Utils.toPositive(Utils.murmur2(key)) % partitions);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      long end =
          admin
              .listOffsets(Map.of(partition, OffsetSpec.latest()))
              .partitionResult(partition)
              .get(30, TimeUnit.SECONDS)
              .offset();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(TranscoderRole.GROUP)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      OffsetAndMetadata offset = committed.get(partition);
      return end - (offset == null ? 0 : offset.offset());
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("cannot read the offsets of " + partition, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
