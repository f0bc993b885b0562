package dev.abr.packager.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicSpec;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.testkit.kafka.KafkaExtension;
import dev.abr.testkit.kafka.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link StreamPackage} that is thrown away and loaded from the work store between events — as a
 * packager restarted after every event, or a stream moving between packagers, would see it —
 * publishes exactly what one uninterrupted {@code StreamPackage} publishes: the same objects with
 * the same bytes, each segment written once. Real stores on disk, real Kafka for the job events.
 */
@ExtendWith(KafkaExtension.class)
class StreamPackageDurabilityTest {
  private static JsonProducer producer;

  @TempDir Path folder;

  @BeforeAll
  static void createTopics(TestKafka kafka) {
    KafkaTopics.ensure(
        kafka.bootstrapServers(),
        List.of(TopicSpec.of(Topics.JOB_EVENTS, 3)),
        Duration.ofSeconds(30));
    producer = JsonProducer.create(kafka.bootstrapServers(), "stream-package-test");
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @Test
  void load_betweenEveryEvent_publishesTheSameObjectsAsOneRun() throws IOException {
    SyntheticStream stream = SyntheticStream.vod("vodrestart");
    List<PackageEvent> events = stream.events(12, 7);

    Map<String, byte[]> expected = uninterrupted(stream, 12, events, i -> SyntheticStream.START);
    Run restarted = run(stream, 12);
    for (PackageEvent event : events) {
      restarted.load().apply(event);
    }

    assertSameObjects(restarted.output.objects(""), expected);
    assertThat(restarted.load().status()).isEqualTo(StreamPackage.Status.COMPLETED);
    for (long sequence = 0; sequence < 12; sequence++) {
      assertThat(restarted.output.writesOf(segmentKey(stream, "240p", sequence)))
          .as("writes of segment %d", sequence)
          .isEqualTo(1);
    }
  }

  @Test
  void apply_crashAfterTheSegmentBeforeTheSnapshot_republishesTheSameBytesOnce()
      throws IOException {
    SyntheticStream stream = SyntheticStream.vod("crashmid");
    List<PackageEvent> events = stream.events(6, 11);
    Map<String, byte[]> expected = uninterrupted(stream, 6, events, i -> SyntheticStream.START);
    Run run = run(stream, 6);
    String segment2 = segmentKey(stream, "audio", 2);
    StreamPackage stream1 = run.load();
    int crashed = -1;
    List<String> writtenByTheCrashedEvent = List.of();
    for (int i = 0; i < events.size(); i++) {
      if (crashed < 0 && run.output.writesOf(segment2) == 0) {
        // Fail the snapshot of the event that publishes segment 2, after its segments are written.
        run.work.failNextWrite(key -> key.contains("/snapshot-") && outputHas(run, segment2));
      }
      int writesBefore = run.output.writes().size();
      try {
        stream1.apply(events.get(i));
      } catch (PipelineException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        crashed = i;
        List<String> writes = run.output.writes();
        writtenByTheCrashedEvent = writes.subList(writesBefore, writes.size());
        stream1 = run.load(); // a new packager; the event is redelivered
        stream1.apply(events.get(i));
      }
    }

    assertThat(crashed).as("the injected failure happened").isNotNegative();
    assertThat(writtenByTheCrashedEvent).contains(segment2);
    assertSameObjects(run.output.objects(""), expected);
    for (long sequence = 0; sequence < 6; sequence++) {
      for (String rendition : List.of("240p", "audio")) {
        String key = segmentKey(stream, rendition, sequence);
        assertThat(run.output.writesOf(key))
            .as("writes of %s", key)
            .isEqualTo(writtenByTheCrashedEvent.contains(key) ? 2 : 1);
      }
    }
  }

  @Test
  void apply_duplicateAfterCompletionInANewPackager_writesNothing() throws IOException {
    SyntheticStream stream = SyntheticStream.vod("lateduplicate");
    Run run = run(stream, 3);
    StreamPackage first = run.load();
    stream.events(3, 5).forEach(first::apply);
    int writes = run.output.writes().size() + run.work.writes().size();

    StreamPackage restarted = run.load();
    restarted.apply(stream.ready(1).get(0));
    restarted.apply(stream.ended(3));

    assertThat(restarted.status()).isEqualTo(StreamPackage.Status.COMPLETED);
    assertThat(run.output.writes().size() + run.work.writes().size()).isEqualTo(writes);
  }

  @Test
  void apply_staleOwnerAfterAnotherWroteTheNextVersion_isFenced() throws IOException {
    SyntheticStream stream = SyntheticStream.vod("zombiefenced");
    Run run = run(stream, 4);
    StreamPackage zombie = run.load();
    zombie.apply(stream.started());
    zombie.apply(stream.ready(0).get(0));
    StreamPackage owner = run.load(); // takes the stream over while the zombie is paused
    owner.apply(stream.ready(0).get(1));

    assertThatThrownBy(() -> zombie.apply(stream.ready(1).get(0)))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKER_OVERLOADED));
    assertThat(run.load().nextSequence()).isEqualTo(1);
  }

  @Test
  void apply_staleOwnerFarBehind_cannotMakeTheNewestStateOlder() throws IOException {
    SyntheticStream stream = SyntheticStream.vod("zombiebehind");
    Run run = run(stream, 4);
    StreamPackage zombie = run.load();
    zombie.apply(stream.started());
    zombie.apply(stream.ready(0).get(0));
    StreamPackage owner = run.load();
    owner.apply(stream.ready(0).get(1));
    owner.apply(stream.ready(1).get(0));
    owner.apply(stream.ready(1).get(1));

    // The zombie's next version number was used and deleted by the owner: its write goes through,
    // but under a number below the owner's, which a loader ignores.
    zombie.apply(stream.ready(2).get(0));
    StreamPackage next = run.load();

    assertThat(next.nextSequence()).isEqualTo(2);
    next.apply(stream.ready(2).get(1));
    assertThat(next.nextSequence())
        .as("segment 2's video came from the zombie's event")
        .isEqualTo(2);
    next.apply(stream.ready(2).get(0)); // Kafka redelivers what the zombie could not commit
    assertThat(next.nextSequence()).isEqualTo(3);
  }

  @Test
  void load_vodStreamOfMoreThanTwoBlocks_keepsSnapshotsSmallAndWritesEachBlockOnce()
      throws IOException {
    SyntheticStream stream = SyntheticStream.vod("longvod");
    int count = 230;
    List<PackageEvent> events = stream.events(count, 3);
    Map<String, byte[]> expected = uninterrupted(stream, count, events, i -> SyntheticStream.START);
    Run restarted = run(stream, count);
    StreamPackage current = restarted.load();
    int largestSnapshot = 0;
    for (int i = 0; i < events.size(); i++) {
      if (i % 37 == 0) {
        current = restarted.load();
      }
      current.apply(events.get(i));
      for (String key : restarted.work.list(StorageLayout.packagerState(stream.streamId()))) {
        if (key.contains("/snapshot-")) {
          largestSnapshot = Math.max(largestSnapshot, restarted.work.read(key).length);
        }
      }
    }

    assertSameObjects(restarted.output.objects(""), expected);
    String block0 = StorageLayout.packagerPublishedBlock(stream.streamId(), 0);
    String block1 = StorageLayout.packagerPublishedBlock(stream.streamId(), 1);
    assertThat(restarted.work.writesOf(block0)).isEqualTo(1);
    assertThat(restarted.work.writesOf(block1)).isEqualTo(1);
    // 100 published segments of two renditions would take about 16 KiB.
    assertThat(largestSnapshot).isLessThan(32 * 1024);
    System.out.println("largest snapshot of a 230-segment stream: " + largestSnapshot + " bytes");
    assertThat(restarted.work.list(StorageLayout.packagerState(stream.streamId())))
        .as("a finished stream keeps only its last snapshot")
        .hasSize(1);
  }

  @Test
  void load_liveStreamBetweenEveryEvent_writesTheSameManifestsAndDeletesTheSameSegments()
      throws IOException {
    SyntheticStream stream = SyntheticStream.live("liverestart");
    int count = 12;
    List<PackageEvent> events = new java.util.ArrayList<>();
    events.add(stream.started());
    for (long sequence = 0; sequence < count; sequence++) {
      events.addAll(stream.ready(sequence));
      events.add(stream.ready(sequence).get(0)); // a duplicate
    }
    events.add(stream.ended(count));
    UnaryOperator<Integer> segmentOfEvent = i -> Math.max(0, (i - 1) / 3);
    Map<String, byte[]> expected =
        uninterrupted(
            stream,
            count,
            events,
            i -> SyntheticStream.endOf(segmentOfEvent.apply(i)).plusMillis(250));
    Run restarted = run(stream, count);
    for (int i = 0; i < events.size(); i++) {
      restarted.clock.set(SyntheticStream.endOf(segmentOfEvent.apply(i)).plusMillis(250));
      restarted.load().apply(events.get(i));
    }

    assertSameObjects(restarted.output.objects(""), expected);
    assertThat(expected)
        .as("slid out and deleted")
        .doesNotContainKey(segmentKey(stream, "240p", 0))
        .containsKey(segmentKey(stream, "240p", count - 1));
    assertThat(new String(expected.get(stream.jobId() + "/240p/playlist.m3u8")))
        .contains("#EXT-X-ENDLIST");
  }

  /** Runs every event through one package into fresh stores; returns the output. */
  private Map<String, byte[]> uninterrupted(
      SyntheticStream stream,
      long count,
      List<PackageEvent> events,
      java.util.function.IntFunction<Instant> clockAt)
      throws IOException {
    Run reference = new Run(folder.resolve("reference-" + stream.streamId()), stream);
    stream.writeFragments(reference.work, count);
    StreamPackage one = reference.load();
    for (int i = 0; i < events.size(); i++) {
      reference.clock.set(clockAt.apply(i));
      one.apply(events.get(i));
    }
    assertThat(one.status()).isEqualTo(StreamPackage.Status.COMPLETED);
    return reference.output.objects("");
  }

  private Run run(SyntheticStream stream, long count) throws IOException {
    Run run = new Run(folder.resolve("run-" + stream.streamId()), stream);
    stream.writeFragments(run.work, count);
    return run;
  }

  private static boolean outputHas(Run run, String key) {
    try {
      return run.output.exists(key);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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

  /** A work store, an output store and a clock that packages of one stream share. */
  private static final class Run {
    final RecordingObjectStore work;
    final RecordingObjectStore output;
    final MutableClock clock = new MutableClock(SyntheticStream.START);
    final SyntheticStream stream;

    Run(Path folder, SyntheticStream stream) throws IOException {
      this.work = new RecordingObjectStore(new LocalObjectStore(folder.resolve("work")));
      this.output = new RecordingObjectStore(new LocalObjectStore(folder.resolve("out")));
      this.stream = stream;
    }

    /** A package of the stream as a new packager process would load it. */
    StreamPackage load() {
      return StreamPackage.load(
          stream.streamId(), work, output, producer, clock, new SimpleMeterRegistry());
    }
  }
}
