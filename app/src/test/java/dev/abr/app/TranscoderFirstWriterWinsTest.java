package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.broker.EmbeddedKafka;
import dev.abr.core.id.Ids;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.kafka.WorkerListener;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TranscodeRequested;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.time.Rational;
import dev.abr.ingest.role.IngestRole;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import dev.abr.transcoder.TranscoderRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcoder never replaces a fragment or init segment that is already in the work store: a
 * request delivered again (another worker had it, or this one crashed between writing and
 * publishing) keeps the object that is there and publishes its {@link FragmentReady} with that
 * object's size. Real broker, ingest and transcoder in this JVM, a real chunk, a folder store.
 */
class TranscoderFirstWriterWinsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path folder;
  static EmbeddedKafka kafka;
  static ObjectStore work;
  static IngestRole ingest;
  static TranscoderRole transcoder;
  static JsonProducer producer;
  static TopicTail<PackageEvent> packageEvents;
  static final List<FragmentReady> videoFragments = new ArrayList<>();
  static TranscodeRequested request;

  @BeforeAll
  static void transcodeOneChunk() throws IOException {
    Path source = TestMedia.generate(MediaSpec.h264Aac(320, 180, Rational.of(25), 2));
    kafka = EmbeddedKafka.start(folder.resolve("kafka"));
    KafkaTopics.ensure(kafka.bootstrapServers(), KafkaTopics.defaults(), TIMEOUT);
    work = new LocalObjectStore(folder.resolve("work"));
    ingest =
        IngestRole.start(
            WorkerSettings.of(kafka.bootstrapServers(), "ingest-fww"),
            work,
            folder.resolve("tmp"),
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            IngestSettings.DEFAULT.withSegmentsPerChunk(1));
    transcoder =
        TranscoderRole.start(
            WorkerSettings.of(kafka.bootstrapServers(), "transcoder-fww"),
            work,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            1,
            WorkerListener.NONE);
    producer = JsonProducer.create(kafka.bootstrapServers(), "fww-test");
    packageEvents =
        TopicTail.fromBeginning(
            kafka.bootstrapServers(), Topics.PACKAGE_REQUESTED, PackageEvent.class, TIMEOUT);
    String jobId = Ids.random(12);
    producer.sendAndWait(
        Topics.JOB_SUBMITTED,
        jobId,
        new JobSubmitted(
            jobId,
            "s-" + jobId,
            source.toString(),
            LadderDocuments.builtIn("small"),
            Rational.of(2),
            jobId,
            Clock.systemUTC().instant()));
    awaitVideoFragments(1);
    try (TopicTail<TranscodeRequested> requests =
        TopicTail.fromBeginning(
            kafka.bootstrapServers(),
            Topics.TRANSCODE_REQUESTED,
            TranscodeRequested.class,
            TIMEOUT)) {
      request = requests.readToEnd(TIMEOUT).get(0);
    }
  }

  @AfterAll
  static void stop() {
    try (EmbeddedKafka broker = kafka;
        IngestRole i = ingest;
        TranscoderRole t = transcoder;
        JsonProducer p = producer;
        TopicTail<PackageEvent> tail = packageEvents) {
      // Closed in reverse order.
    }
  }

  @Test
  void redelivery_fragmentThereWithTheSameSize_keepsItAndPublishesIt() throws IOException {
    FragmentReady first = videoFragments.get(0);
    byte[] original = work.read(first.fragmentKey());
    byte[] marked = original.clone();
    marked[marked.length - 1] ^= 0x5A; // the other writer's bytes: same size, one byte differs
    work.putAtomically(first.fragmentKey(), marked);
    byte[] init = work.read(first.initKey());

    FragmentReady again = redeliver();

    assertThat(work.read(again.fragmentKey())).isEqualTo(marked);
    assertThat(work.read(again.initKey())).isEqualTo(init);
    assertThat(again.sizeBytes()).isEqualTo(original.length);
    assertThat(again.sequence()).isEqualTo(first.sequence());
  }

  @Test
  void lateWriter_fragmentThereWithAnotherSize_keepsTheFirstAndPublishesItsSize()
      throws IOException {
    FragmentReady first = videoFragments.get(0);
    byte[] original = work.read(first.fragmentKey());
    // The first writer's fragment, followed by an 8-byte 'free' box: a valid, longer object.
    byte[] other = Arrays.copyOf(original, original.length + 8);
    ByteBuffer.wrap(other, original.length, 8).putInt(8).put("free".getBytes());
    work.putAtomically(first.fragmentKey(), other);

    FragmentReady again = redeliver();

    assertThat(work.read(again.fragmentKey())).isEqualTo(other);
    assertThat(again.sizeBytes()).isEqualTo(other.length);
  }

  /** Publishes the chunk's request again and returns the next FragmentReady of its video. */
  private static FragmentReady redeliver() {
    int before = videoFragments.size();
    producer.sendAndWait(
        Topics.TRANSCODE_REQUESTED,
        Topics.chunkKey(request.streamId(), request.sequence()),
        request);
    awaitVideoFragments(before + 1);
    return videoFragments.get(before);
  }

  private static void awaitVideoFragments(int count) {
    Awaits.until(
        count + " video FragmentReady",
        TIMEOUT,
        () -> {
          for (PackageEvent event : packageEvents.poll(Duration.ofMillis(100))) {
            if (event instanceof FragmentReady ready && !ready.rendition().equals("audio")) {
              videoFragments.add(ready);
            }
          }
          return videoFragments.size() >= count;
        });
  }
}
