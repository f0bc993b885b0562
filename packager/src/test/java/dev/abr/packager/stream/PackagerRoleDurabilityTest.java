package dev.abr.packager.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.kafka.WorkerListener;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.kafka.KafkaExtension;
import dev.abr.testkit.kafka.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PackagerRole}s on a real broker that crash or hand streams to each other in the middle of
 * streams: every stream still completes with exactly the objects one uninterrupted package makes.
 */
@ExtendWith(KafkaExtension.class)
class PackagerRoleDurabilityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private TestKafka kafka;
  private RecordingObjectStore work;
  private RecordingObjectStore output;
  private final List<JobEvent> seen = new ArrayList<>();

  @BeforeEach
  void setUp(TestKafka kafka) throws IOException {
    this.kafka = kafka;
    KafkaTopics.ensure(kafka.bootstrapServers(), KafkaTopics.defaults(), TIMEOUT);
    work = new RecordingObjectStore(new LocalObjectStore(folder.resolve("work")));
    output = new RecordingObjectStore(new LocalObjectStore(folder.resolve("out")));
  }

  @Test
  void abort_midStream_nextPackagerCompletesItWithTheSameObjects() throws IOException {
    SyntheticStream stream = SyntheticStream.vod("roleabort" + System.nanoTime() % 100_000);
    int count = 10;
    stream.writeFragments(work, count);
    try (JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), "abort-test");
        TopicTail<JobEvent> events = jobEvents()) {
      PackagerRole first = start("packager-abort-1", WorkerListener.NONE);
      send(producer, stream.started());
      for (long sequence = 0; sequence < 5; sequence++) {
        stream.ready(sequence).forEach(event -> send(producer, event));
      }
      Awaits.until("segment 4 is published", TIMEOUT, () -> exists(segmentKey(stream, "audio", 4)));
      first.abort(); // a crash: nothing more is committed

      try (PackagerRole second = start("packager-abort-2", WorkerListener.NONE)) {
        for (long sequence = 5; sequence < count; sequence++) {
          stream.ready(sequence).forEach(event -> send(producer, event));
        }
        send(producer, stream.ended(count));
        awaitCompleted(events, stream.jobId());
      }
    }

    assertSameObjects(output.objects(stream.jobId()), reference(stream, count));
    for (long sequence = 0; sequence < count; sequence++) {
      long writes = output.writesOf(segmentKey(stream, "240p", sequence));
      System.out.println("segment " + sequence + " written " + writes + " time(s)");
      // Only what the crashed packager had in flight may be published again.
      assertThat(writes)
          .as("writes of segment %d", sequence)
          .isBetween(1L, sequence == 4 ? 2L : 1L);
    }
  }

  @Test
  void rebalance_streamsMoveBetweenPackagers_eachCompletesWithTheSameObjectsWrittenOnce()
      throws IOException {
    int count = 6;
    List<SyntheticStream> streams = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      SyntheticStream stream = SyntheticStream.vod("move" + i + "x" + System.nanoTime() % 100_000);
      stream.writeFragments(work, count);
      streams.add(stream);
    }
    Assignments assignmentsB = new Assignments();
    Set<String> handledByB = ConcurrentHashMap.newKeySet();
    try (JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), "move-test");
        TopicTail<JobEvent> events = jobEvents()) {
      PackagerRole a = start("packager-move-a", WorkerListener.NONE);
      for (SyntheticStream stream : streams) {
        send(producer, stream.started());
        stream.ready(0).forEach(event -> send(producer, event));
        send(producer, stream.ready(1).get(0));
      }
      for (SyntheticStream stream : streams) {
        Awaits.until(
            "segment 0 of " + stream.streamId(),
            TIMEOUT,
            () -> exists(segmentKey(stream, "audio", 0)));
      }
      try (PackagerRole b = start("packager-move-b", assignmentsB)) {
        Awaits.until(
            "the second packager owns partitions", TIMEOUT, () -> !assignmentsB.owned().isEmpty());
        for (SyntheticStream stream : streams) {
          send(producer, stream.ready(1).get(1));
          for (long sequence = 2; sequence < 4; sequence++) {
            stream.ready(sequence).forEach(event -> send(producer, event));
          }
        }
        a.close(); // its partitions move to b
        Awaits.until(
            "the second packager owns every partition",
            TIMEOUT,
            () -> assignmentsB.owned().size() == 4);
        for (SyntheticStream stream : streams) {
          for (long sequence = 4; sequence < count; sequence++) {
            stream.ready(sequence).forEach(event -> send(producer, event));
          }
          send(producer, stream.ended(count));
        }
        for (SyntheticStream stream : streams) {
          awaitCompleted(events, stream.jobId());
        }
      }
    }

    for (SyntheticStream stream : streams) {
      assertSameObjects(output.objects(stream.jobId()), reference(stream, count));
      for (long sequence = 0; sequence < count; sequence++) {
        assertThat(output.writesOf(segmentKey(stream, "240p", sequence)))
            .as("writes of segment %d of %s", sequence, stream.streamId())
            .isEqualTo(1);
      }
    }
  }

  private PackagerRole start(String clientId, WorkerListener listener) {
    PackagerRole role =
        PackagerRole.start(
            WorkerSettings.of(kafka.bootstrapServers(), clientId),
            work,
            output,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            listener);
    Awaits.until(clientId + " is ready", TIMEOUT, role::isReady);
    return role;
  }

  private TopicTail<JobEvent> jobEvents() {
    return TopicTail.fromBeginning(
        kafka.bootstrapServers(), Topics.JOB_EVENTS, JobEvent.class, TIMEOUT);
  }

  private static void send(JsonProducer producer, PackageEvent event) {
    producer.sendAndWait(Topics.PACKAGE_REQUESTED, event.streamId(), event);
  }

  private void awaitCompleted(TopicTail<JobEvent> events, String jobId) {
    Awaits.until(
        "job " + jobId + " completes",
        TIMEOUT,
        () -> {
          seen.addAll(events.poll(Duration.ofMillis(100)));
          return seen.stream()
              .anyMatch(e -> e.jobId().equals(jobId) && e.type() == JobEventType.COMPLETED);
        });
  }

  /** What one uninterrupted package of {@code stream} writes, in stores of its own. */
  private Map<String, byte[]> reference(SyntheticStream stream, int count) throws IOException {
    Path dir = folder.resolve("reference-" + stream.streamId());
    RecordingObjectStore refWork =
        new RecordingObjectStore(new LocalObjectStore(dir.resolve("work")));
    RecordingObjectStore refOut =
        new RecordingObjectStore(new LocalObjectStore(dir.resolve("out")));
    stream.writeFragments(refWork, count);
    try (JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), "reference")) {
      StreamPackage one =
          StreamPackage.load(
              stream.streamId(),
              refWork,
              refOut,
              producer,
              Clock.systemUTC(),
              new SimpleMeterRegistry());
      one.apply(stream.started());
      for (long sequence = 0; sequence < count; sequence++) {
        stream.ready(sequence).forEach(one::apply);
      }
      one.apply(stream.ended(count));
    }
    return refOut.objects(stream.jobId());
  }

  private boolean exists(String key) {
    try {
      return output.exists(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String segmentKey(SyntheticStream stream, String rendition, long sequence) {
    return stream.jobId() + "/" + rendition + "/" + StorageLayout.segmentName(sequence);
  }

  private static void assertSameObjects(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    HexFormat hex = HexFormat.of();
    expected.forEach(
        (key, bytes) ->
            assertThat(hex.formatHex(actual.get(key))).as(key).isEqualTo(hex.formatHex(bytes)));
  }

  /** The partitions of the package topic a worker owns, from its listener. */
  private static final class Assignments implements WorkerListener {
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    Set<Integer> owned() {
      return new HashSet<>(owned);
    }

    @Override
    public void partitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(p -> owned.add(p.partition()));
    }

    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(p -> owned.remove(p.partition()));
    }

    @Override
    public void partitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(p -> owned.remove(p.partition()));
    }
  }
}
