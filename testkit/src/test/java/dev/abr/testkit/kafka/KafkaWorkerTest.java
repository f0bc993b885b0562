package dev.abr.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.DeadLetter;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaWorker;
import dev.abr.core.kafka.KafkaWorkerConfig;
import dev.abr.core.kafka.RetryPolicy;
import dev.abr.core.kafka.WorkerListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link KafkaWorker} against a real broker, with the {@code consumer} group protocol; the tests of
 * membership changes also run with {@code classic}.
 */
@ExtendWith(KafkaExtension.class)
class KafkaWorkerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static JsonProducer producer;
  private final TestKafka kafka;
  private final List<KafkaWorker<TestMessage>> workers = new ArrayList<>();

  KafkaWorkerTest(TestKafka kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void createProducer(TestKafka kafka) {
    producer = JsonProducer.create(kafka.bootstrapServers(), "worker-test");
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @AfterEach
  void closeWorkers() {
    workers.forEach(KafkaWorker::close);
  }

  @Test
  void worker_recordsOnSeveralPartitions_handlesEachOnceAndCommitsAll() {
    String topic = kafka.createTopic("all", 3);
    String group = kafka.uniqueGroup("all");
    RecordingHandler handler = RecordingHandler.succeeding();
    send(topic, 30, i -> "key-" + i);

    start(config(group, topic, "w1").withConcurrency(2), handler, RecordingDeadLetters.accepting());

    awaitCommittedTotal(group, topic, 30);
    assertThat(handler.succeededSequences()).hasSize(30).doesNotHaveDuplicates();
  }

  @Test
  void worker_concurrencyAboveOne_keepsOrderAndOneRecordAtATimePerPartition() {
    String topic = kafka.createTopic("order", 3);
    String group = kafka.uniqueGroup("order");
    Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              AtomicInteger count =
                  inFlight.computeIfAbsent(context.partition(), p -> new AtomicInteger());
              if (count.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              count.decrementAndGet();
            });
    send(topic, 60, i -> "key-" + (i % 6));

    start(config(group, topic, "w1").withConcurrency(3), handler, RecordingDeadLetters.accepting());

    awaitCommittedTotal(group, topic, 60);
    Map<String, List<Integer>> sequencesByKey =
        handler.successes().stream()
            .collect(
                Collectors.groupingBy(
                    h -> h.message().key(),
                    Collectors.mapping(h -> h.message().sequence(), Collectors.toList())));
    assertThat(sequencesByKey).hasSize(6);
    sequencesByKey.values().forEach(sequences -> assertThat(sequences).isSorted());
    assertThat(overlaps).hasValue(0);
  }

  @Test
  void worker_concurrencyTwo_runsTwoPartitionsAtOnce() {
    String topic = kafka.createTopic("parallel", 2);
    String group = kafka.uniqueGroup("parallel");
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    RecordingHandler handler =
        new RecordingHandler((message, context) -> bothRunning.await(20, TimeUnit.SECONDS));
    producer.sendAndWait(topic, keyOn(0, 2), new TestMessage(keyOn(0, 2), 0));
    producer.sendAndWait(topic, keyOn(1, 2), new TestMessage(keyOn(1, 2), 1));
    RecordingDeadLetters deadLetters = RecordingDeadLetters.accepting();

    start(config(group, topic, "w1").withConcurrency(2), handler, deadLetters);

    awaitCommittedTotal(group, topic, 2);
    assertThat(handler.succeededSequences()).containsExactlyInAnyOrder(0, 1);
    assertThat(deadLetters.calls()).isZero();
  }

  @Test
  void worker_handlerSlowerThanMaxPollInterval_staysInGroupAndHandlesOnce() {
    Duration maxPollInterval = Duration.ofSeconds(3);
    String topic = kafka.createTopic("slow", 1);
    String group = kafka.uniqueGroup("slow");
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              if (message.sequence() == 0) {
                slowStarted.countDown();
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
              }
            });
    RecordingWorkerListener listener = new RecordingWorkerListener();
    send(topic, 2, i -> "k");
    KafkaWorker<TestMessage> worker =
        start(
            config(group, topic, "w1")
                .withRevocationGrace(Duration.ofMillis(500))
                .withMaxPollInterval(maxPollInterval),
            handler,
            RecordingDeadLetters.accepting(),
            listener);

    await(slowStarted);
    long startedNanos = System.nanoTime();
    // The work itself takes more than twice max.poll.interval.ms.
    Awaits.until(
        "the handler has run for twice max.poll.interval.ms",
        DEADLINE,
        () -> System.nanoTime() - startedNanos > maxPollInterval.multipliedBy(2).toNanos());
    assertThat(worker.isHealthy()).isTrue();
    release.countDown();

    awaitCommittedTotal(group, topic, 2);
    assertThat(handler.runs()).extracting(Handled::offset).containsExactly(0L, 1L);
    assertThat(listener.effectiveChanges())
        .extracting(RecordingWorkerListener.Change::kind)
        .containsExactly("assigned");
  }

  @Test
  void worker_retriableFailure_retriesWithBackoffThenSucceeds() {
    String topic = kafka.createTopic("retry", 1);
    String group = kafka.uniqueGroup("retry");
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              if (context.attempt() < 3) {
                throw new PipelineException(ErrorCode.STORAGE_UNAVAILABLE, "storage down (test)");
              }
            });
    RecordingDeadLetters deadLetters = RecordingDeadLetters.accepting();
    send(topic, 1, i -> "k");

    start(config(group, topic, "w1"), handler, deadLetters);

    awaitCommittedTotal(group, topic, 1);
    assertThat(handler.runs())
        .extracting(Handled::attempt, Handled::succeeded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, false),
            org.assertj.core.groups.Tuple.tuple(2, false),
            org.assertj.core.groups.Tuple.tuple(3, true));
    assertThat(deadLetters.calls()).isZero();
  }

  @Test
  void worker_retriableFailureOnEveryAttempt_deadLettersAfterMaxAttempts() {
    String topic = kafka.createTopic("exhausted", 1);
    String group = kafka.uniqueGroup("exhausted");
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              throw new PipelineException(ErrorCode.WORKER_OVERLOADED, "busy (test)");
            });
    RecordingDeadLetters deadLetters = RecordingDeadLetters.accepting();
    send(topic, 1, i -> "k");

    start(config(group, topic, "w1"), handler, deadLetters);

    awaitCommittedTotal(group, topic, 1);
    assertThat(handler.runs()).extracting(Handled::attempt).containsExactly(1, 2, 3);
    assertThat(deadLetters.letters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.code()).isEqualTo(ErrorCode.WORKER_OVERLOADED);
              assertThat(letter.attempts()).isEqualTo(3);
            });
  }

  @Test
  void worker_nonRetriableFailure_deadLettersOnceAndHandlesLaterRecords() {
    String topic = kafka.createTopic("poison-job", 1);
    String group = kafka.uniqueGroup("poison-job");
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              if (message.sequence() == 1) {
                throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "chunk 1 unreadable");
              }
            });
    RecordingDeadLetters deadLetters = RecordingDeadLetters.accepting();
    send(topic, 5, i -> "k");

    start(config(group, topic, "w1"), handler, deadLetters);

    awaitCommittedTotal(group, topic, 5);
    assertThat(handler.succeededSequences()).containsExactly(0, 2, 3, 4);
    assertThat(handler.runs()).filteredOn(h -> h.message().sequence() == 1).hasSize(1);
    assertThat(deadLetters.letters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.offset()).isEqualTo(1);
              assertThat(letter.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE);
              assertThat(letter.message()).isEqualTo("chunk 1 unreadable");
              assertThat(letter.attempts()).isEqualTo(1);
              assertThat(letter.value()).contains(new TestMessage("k", 1));
              assertThat(letter.key()).contains("k");
            });
  }

  @Test
  void worker_unexpectedException_deadLettersAsInternalErrorWithoutRetry() {
    String topic = kafka.createTopic("bug", 1);
    String group = kafka.uniqueGroup("bug");
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              throw new IllegalStateException("bug (test)");
            });
    RecordingDeadLetters deadLetters = RecordingDeadLetters.accepting();
    send(topic, 1, i -> "k");

    start(config(group, topic, "w1"), handler, deadLetters);

    awaitCommittedTotal(group, topic, 1);
    assertThat(handler.runs()).hasSize(1);
    assertThat(deadLetters.letters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
              assertThat(letter.message()).isEqualTo("IllegalStateException: bug (test)");
            });
  }

  @Test
  void worker_bytesThatDoNotDeserialize_deadLettersRawBytesAndContinues() throws Exception {
    String topic = kafka.createTopic("bytes", 1);
    String group = kafka.uniqueGroup("bytes");
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), garbage)).get();
    }
    send(topic, 1, i -> "k");
    RecordingHandler handler = RecordingHandler.succeeding();
    RecordingDeadLetters deadLetters = RecordingDeadLetters.accepting();

    start(config(group, topic, "w1"), handler, deadLetters);

    awaitCommittedTotal(group, topic, 2);
    assertThat(handler.runs()).extracting(Handled::offset).containsExactly(1L);
    DeadLetter<TestMessage> letter = deadLetters.letters().getFirst();
    byte[] rawValue = new byte[letter.rawValue().remaining()];
    letter.rawValue().get(rawValue);
    assertThat(rawValue).isEqualTo(garbage);
    assertThat(letter.value()).isEmpty();
    assertThat(letter.code()).isEqualTo(ErrorCode.INPUT_INVALID_DOCUMENT);
    assertThat(letter.attempts()).isZero();
  }

  @Test
  void worker_deadLetterHandlerFails_retriesItWithoutRunningTheHandlerAgain() {
    String topic = kafka.createTopic("dlq-down", 1);
    String group = kafka.uniqueGroup("dlq-down");
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "unreadable (test)");
            });
    RecordingDeadLetters deadLetters = RecordingDeadLetters.failingFirst(2);
    send(topic, 1, i -> "k");

    start(config(group, topic, "w1"), handler, deadLetters);

    awaitCommittedTotal(group, topic, 1);
    assertThat(deadLetters.calls()).isEqualTo(3);
    assertThat(deadLetters.letters()).hasSize(1);
    assertThat(handler.runs()).hasSize(1);
  }

  @Test
  void worker_recordArrivesWhileItsPartitionIsBusy_isFetchedWithoutWaitingForTheFetchInFlight() {
    // Partition 1 stays idle, so the consumer always has a fetch in flight that the broker holds
    // for the whole fetch wait, far longer than this test waits. Had partition 0 been paused while
    // its first record was handled, its second record could only join the fetch after that one.
    String topic = kafka.createTopic("busy", 2);
    String group = kafka.uniqueGroup("busy");
    String key = keyOn(0, 2);
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch secondSent = new CountDownLatch(1);
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              if (message.sequence() == 0) {
                firstStarted.countDown();
                secondSent.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
              }
            });
    producer.sendAndWait(topic, key, new TestMessage(key, 0));
    start(
        config(group, topic, "w1")
            .withConsumerOverrides(
                Map.of("fetch.max.wait.ms", "60000", "request.timeout.ms", "90000")),
        handler,
        RecordingDeadLetters.accepting());
    await(firstStarted);

    producer.sendAndWait(topic, key, new TestMessage(key, 1));
    secondSent.countDown();

    Awaits.until(
        "the second record is handled long before the fetch wait of 60 s",
        Duration.ofSeconds(20),
        () -> handler.succeededSequences().contains(1));
    assertThat(handler.succeededSequences()).containsExactly(0, 1);
  }

  @ParameterizedTest
  @EnumSource(GroupProtocol.class)
  void close_idleWorker_leavesTheGroupAtOnceWithItsPartitionsRevoked(GroupProtocol protocol)
      throws Exception {
    String topic = kafka.createTopic("leave", 2);
    String group = kafka.uniqueGroup("leave");
    RecordingWorkerListener listener = new RecordingWorkerListener();
    KafkaWorker<TestMessage> worker =
        start(
            config(group, topic, "w1").withGroupProtocol(protocol),
            RecordingHandler.succeeding(),
            RecordingDeadLetters.accepting(),
            listener);
    Awaits.until("the worker has its partitions", DEADLINE, () -> worker.assignment().size() == 2);

    worker.close();

    assertThat(listener.effectiveChanges())
        .extracting(RecordingWorkerListener.Change::kind)
        .containsExactly("assigned", "revoked");
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      org.apache.kafka.clients.admin.ConsumerGroupDescription description =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(description.members()).as("members of %s after close", group).isEmpty();
    }
  }

  @Test
  void close_handlerInFlight_waitsForItCommitsItAndStartsNothingNew() {
    String topic = kafka.createTopic("drain", 1);
    String group = kafka.uniqueGroup("drain");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              started.countDown();
              release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            });
    send(topic, 3, i -> "k");
    KafkaWorker<TestMessage> worker =
        start(config(group, topic, "w1"), handler, RecordingDeadLetters.accepting());
    await(started);

    CompletableFuture<Void> closed = CompletableFuture.runAsync(worker::close);
    Awaits.until("the worker stops being ready", DEADLINE, () -> !worker.isReady());
    assertThat(closed).isNotDone();
    release.countDown();
    closed.join();

    assertThat(handler.runs()).extracting(Handled::offset).containsExactly(0L);
    assertThat(kafka.committedOffsets(group, topic)).isEqualTo(Map.of(0, 1L));
    assertThat(worker.isHealthy()).isFalse();
  }

  @Test
  void close_handlerInFlight_isDrainedOnceItFinishes() {
    String topic = kafka.createTopic("drained", 1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              started.countDown();
              release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            });
    send(topic, 1, i -> "k");
    KafkaWorker<TestMessage> worker =
        start(
            config(kafka.uniqueGroup("drained"), topic, "w1"),
            handler,
            RecordingDeadLetters.accepting());
    await(started);

    CompletableFuture<Void> closed = CompletableFuture.runAsync(worker::close);
    Awaits.until("the worker stops being ready", DEADLINE, () -> !worker.isReady());
    release.countDown();
    closed.join();

    assertThat(worker.isDrained()).isTrue();
  }

  @Test
  void close_handlerOutlivesTheShutdownGrace_returnsAfterTheGraceWithoutCommittingIt() {
    String topic = kafka.createTopic("grace", 1);
    String group = kafka.uniqueGroup("grace");
    CountDownLatch started = new CountDownLatch(1);
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              started.countDown();
              new CountDownLatch(1).await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            });
    send(topic, 1, i -> "k");
    KafkaWorker<TestMessage> worker =
        start(
            config(group, topic, "w1").withShutdownGrace(Duration.ofMillis(500)),
            handler,
            RecordingDeadLetters.accepting());
    await(started);

    long startNanos = System.nanoTime();
    worker.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - startNanos);

    assertThat(closing).isBetween(Duration.ofMillis(500), Duration.ofSeconds(15));
    assertThat(worker.isDrained()).isFalse();
    assertThat(kafka.committedOffsets(group, topic)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(GroupProtocol.class)
  void secondWorker_joinsAfterCleanHandover_takesPartitionsAndNothingIsHandledTwice(
      GroupProtocol protocol) {
    String topic = kafka.createTopic("handover", 4);
    String group = kafka.uniqueGroup("handover");
    RecordingHandler handler = RecordingHandler.succeeding();
    send(topic, 20, i -> "key-" + i);
    KafkaWorker<TestMessage> first =
        start(
            config(group, topic, "first").withGroupProtocol(protocol),
            handler,
            RecordingDeadLetters.accepting());
    awaitCommittedTotal(group, topic, 20);

    KafkaWorker<TestMessage> second =
        start(
            config(group, topic, "second").withGroupProtocol(protocol),
            handler,
            RecordingDeadLetters.accepting());
    Awaits.until(
        "both workers have partitions",
        DEADLINE,
        () -> !first.assignment().isEmpty() && !second.assignment().isEmpty());
    sendFrom(topic, 20, 20, i -> "key-" + i);

    awaitCommittedTotal(group, topic, 40);
    assertThat(handler.succeededSequences()).hasSize(40).doesNotHaveDuplicates();
    assertThat(handler.successes())
        .filteredOn(h -> h.worker().equals("second"))
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h.message().sequence()).isGreaterThanOrEqualTo(20));
  }

  @ParameterizedTest
  @EnumSource(GroupProtocol.class)
  void abort_recordInFlight_isRedeliveredToTheOtherMember(GroupProtocol protocol) {
    String topic = kafka.createTopic("crash", 1);
    String group = kafka.uniqueGroup("crash");
    CountDownLatch firstStarted = new CountDownLatch(1);
    RecordingHandler handler =
        new RecordingHandler(
            (message, context) -> {
              if (context.partition() == 0 && firstStarted.getCount() > 0) {
                firstStarted.countDown();
                new CountDownLatch(1).await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
              }
            });
    KafkaWorker<TestMessage> first =
        start(config(group, topic, "first"), handler, RecordingDeadLetters.accepting());
    Awaits.until(
        "the first worker owns the partition", DEADLINE, () -> !first.assignment().isEmpty());
    KafkaWorker<TestMessage> second =
        start(config(group, topic, "second"), handler, RecordingDeadLetters.accepting());
    Awaits.until("the second worker has joined", DEADLINE, second::isReady);
    send(topic, 1, i -> "k");
    await(firstStarted);

    first.abort();

    awaitCommittedTotal(group, topic, 1);
    assertThat(handler.successes())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.worker()).isEqualTo("second");
              assertThat(h.offset()).isZero();
            });
  }

  @Test
  void revocation_handlerOutlivesTheGrace_oldOwnerDoesNotCommitItsLateResult() {
    String topic = kafka.createTopic("zombie", 2);
    String group = kafka.uniqueGroup("zombie");
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    RecordingHandler slowHandler =
        new RecordingHandler(
            (message, context) -> {
              bothStarted.countDown();
              release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            });
    RecordingHandler quickHandler = RecordingHandler.succeeding();
    RecordingCommits firstCommits = new RecordingCommits();
    producer.sendAndWait(topic, keyOn(0, 2), new TestMessage(keyOn(0, 2), 0));
    producer.sendAndWait(topic, keyOn(1, 2), new TestMessage(keyOn(1, 2), 1));
    start(
        config(group, topic, "first")
            .withConcurrency(2)
            .withRevocationGrace(Duration.ofMillis(500)),
        slowHandler,
        RecordingDeadLetters.accepting(),
        firstCommits);
    await(bothStarted);

    KafkaWorker<TestMessage> second =
        start(config(group, topic, "second"), quickHandler, RecordingDeadLetters.accepting());
    Awaits.until(
        "a partition moved to the second worker", DEADLINE, () -> !second.assignment().isEmpty());
    int moved = second.assignment().iterator().next().partition();
    Awaits.until(
        "the second worker redid the record of partition " + moved,
        DEADLINE,
        () -> kafka.committedOffsets(group, topic).getOrDefault(moved, 0L) == 1L);
    release.countDown();
    awaitCommittedTotal(group, topic, 2);

    assertThat(slowHandler.successes()).hasSize(2);
    assertThat(quickHandler.successes())
        .singleElement()
        .satisfies(h -> assertThat(h.partition()).isEqualTo(moved));
    assertThat(firstCommits.partitions()).doesNotContain(moved);
  }

  @Test
  void isReady_afterJoiningAndUntilClose_followsTheGroupMembership() {
    String topic = kafka.createTopic("probe", 1);
    KafkaWorker<TestMessage> worker =
        start(
            config(kafka.uniqueGroup("probe"), topic, "w1"),
            RecordingHandler.succeeding(),
            RecordingDeadLetters.accepting());

    Awaits.until("the worker is ready", DEADLINE, worker::isReady);
    assertThat(worker.isHealthy()).isTrue();
    worker.close();

    assertThat(worker.isReady()).isFalse();
    assertThat(worker.isHealthy()).isFalse();
  }

  private KafkaWorkerConfig config(String group, String topic, String clientId) {
    return KafkaWorkerConfig.of(kafka.bootstrapServers(), group, clientId, topic)
        .withGroupProtocol(GroupProtocol.CONSUMER)
        .withRetry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)))
        .withRevocationGrace(Duration.ofSeconds(2))
        .withShutdownGrace(Duration.ofSeconds(10));
  }

  private KafkaWorker<TestMessage> start(
      KafkaWorkerConfig config, RecordingHandler handler, RecordingDeadLetters deadLetters) {
    return start(config, handler, deadLetters, WorkerListener.NONE);
  }

  private KafkaWorker<TestMessage> start(
      KafkaWorkerConfig config,
      RecordingHandler handler,
      RecordingDeadLetters deadLetters,
      WorkerListener listener) {
    KafkaWorker<TestMessage> worker =
        KafkaWorker.start(
            config, TestMessage.class, handler.forWorker(config.clientId()), deadLetters, listener);
    workers.add(worker);
    return worker;
  }

  private static void send(String topic, int count, java.util.function.IntFunction<String> key) {
    sendFrom(topic, 0, count, key);
  }

  private static void sendFrom(
      String topic, int first, int count, java.util.function.IntFunction<String> key) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      sends.add(producer.send(topic, key.apply(i), new TestMessage(key.apply(i), i)));
    }
    sends.forEach(CompletableFuture::join);
  }

  /** A key the default partitioner puts on {@code partition} of a topic with {@code count}. */
  private static String keyOn(int partition, int count) {
    for (int i = 0; ; i++) {
      String key = "key-" + i;
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      if (Utils.toPositive(Utils.murmur2(bytes)) % count == partition) {
        return key;
      }
    }
  }

  private void awaitCommittedTotal(String group, String topic, long total) {
    Map<Integer, Long> last = new HashMap<>();
    Awaits.until(
        group + " has committed " + total + " records of " + topic + " (last seen " + last + ")",
        DEADLINE,
        () -> {
          Map<Integer, Long> committed = kafka.committedOffsets(group, topic);
          last.clear();
          last.putAll(committed);
          return committed.values().stream().mapToLong(Long::longValue).sum() >= total;
        });
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .as("latch released in time")
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
