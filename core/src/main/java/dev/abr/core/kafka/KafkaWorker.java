package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of every role: consumes JSON messages of one type from a consumer group and
 * hands each to a {@link RecordHandler}, however long the handler takes.
 *
 * <p>This is the pattern of the {@code KafkaConsumer} Javadoc for long processing:
 *
 * <ul>
 *   <li>One poll thread owns the consumer. Records go to a pool of {@code concurrency} handler
 *       threads (platform threads: handlers call native code). A partition has at most one batch of
 *       records in flight, so the records of one partition are handled one at a time in offset
 *       order, while up to {@code concurrency} partitions run in parallel. Records fetched
 *       meanwhile wait in the partition's backlog; the partition is <b>paused</b> only when that
 *       backlog is full, so its next record is already fetched when the handler returns.
 *   <li>The poll thread keeps calling {@code poll()} with a short timeout whatever the handlers do,
 *       so this member never exceeds {@code max.poll.interval.ms} and is never dropped from the
 *       group for slowness (a paused consumer that stops polling is dropped: pausing is not a
 *       heartbeat).
 *   <li>Offsets are committed by the poll thread <b>only after the handler has returned</b> (its
 *       outputs are durable) or after the record was dead-lettered, never automatically.
 * </ul>
 *
 * <p>Failures: a {@link PipelineException} with a retriable code is tried again after an
 * exponential back-off (no thread sleeps; later records of the partition wait), up to the {@link
 * RetryPolicy}; then, or at once for any other code or exception, the record goes to the {@link
 * DeadLetterHandler}, and its offset is committed only after that returned. Bytes that do not
 * deserialize go to the dead-letter handler at once with {@link ErrorCode#INPUT_INVALID_DOCUMENT}.
 * Later records of the partition are then handled normally. An {@link Error} thrown by a handler
 * stops the worker ({@link #isHealthy()} turns false).
 *
 * <p>Rebalances: full partitions are paused again after every assignment (a rebalance can resume
 * them silently). On revocation no new record of the revoked partitions starts, running handlers
 * get up to {@code revocationGrace} to finish, and what finished is committed; results that finish
 * later are dropped (the new owner redoes the record), and so are results of partitions that were
 * lost. Handlers can ask {@link RecordContext#isAssigned()} to stop early.
 *
 * <p>Thread-safety: {@link #close()}, {@link #abort()} and the probes may be called from any
 * thread, but not from a handler.
 *
 * @param <T> the message type (a JSON record, read with {@link Json})
 */
public final class KafkaWorker<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaWorker.class);
  private static final int MAX_POLL_RECORDS = 100;

  /** Records fetched and waiting per partition before the partition is paused. */
  private static final int MAX_BACKLOG = MAX_POLL_RECORDS;

  /**
   * The poll timeout while the member joins its group and just after an assignment. The consumer
   * does not wake a waiting {@code poll()} when an assignment arrives (the rebalance listener runs
   * only inside {@code poll()}), and until the new partitions' positions are known it waits up to
   * {@code retry.backoff.ms} (100 ms) before it looks them up. With the usual poll timeout the
   * first record of a new member came 0.1-0.2 s after it could have (docs/performance.md, "Fourth
   * round").
   */
  private static final Duration SETTLING_POLL_TIMEOUT = Duration.ofMillis(10);

  /** How long the short poll timeout lasts at start if the member has not joined by then. */
  private static final long JOIN_SETTLING_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long the short poll timeout lasts after an assignment. */
  private static final long ASSIGNMENT_SETTLING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private enum State {
    STARTING,
    RUNNING,
    DRAINING,
    STOPPED,
    FAILED
  }

  private final KafkaWorkerConfig config;
  private final Class<T> type;
  private final RecordHandler<T> handler;
  private final DeadLetterHandler<T> deadLetters;
  private final WorkerListener listener;
  private final Consumer<byte[], byte[]> consumer;
  private final ThreadPoolExecutor handlerThreads;
  private final Thread pollThread;
  private final Duration commitTimeout;

  /** Batches whose handler thread is done; handed from handler threads to the poll thread. */
  private final Queue<Batch> finished = new ConcurrentLinkedQueue<>();

  /** The partitions this member owns, in dispatch order. Poll thread only. */
  private final Map<TopicPartition, PartitionWork> partitions = new LinkedHashMap<>();

  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile State state = State.STARTING;
  private volatile boolean stopRequested;

  /** Set by the poll thread when it leaves the group on stop. */
  private boolean leaving;

  private volatile boolean abortRequested;
  private volatile boolean joined;
  private volatile boolean drained;
  private volatile long lastPollNanos = System.nanoTime();
  private volatile Set<TopicPartition> assignment = Set.of();
  private volatile @Nullable Throwable fatal;

  /** Until when {@code poll()} uses {@link #SETTLING_POLL_TIMEOUT}. Poll thread only. */
  private long settlingUntilNanos;

  private KafkaWorker(
      KafkaWorkerConfig config,
      Class<T> type,
      RecordHandler<T> handler,
      DeadLetterHandler<T> deadLetters,
      WorkerListener listener) {
    this.config = config;
    this.type = type;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.listener = new SafeListener(listener);
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.commitTimeout =
        Duration.ofMillis(Math.max(100, Math.min(5_000, config.maxPollInterval().toMillis() / 6)));
    AtomicInteger threadNumber = new AtomicInteger();
    this.handlerThreads =
        new ThreadPoolExecutor(
            config.concurrency(),
            config.concurrency(),
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable ->
                daemon(
                    runnable,
                    "abr-worker-" + config.clientId() + "-" + threadNumber.incrementAndGet()));
    this.pollThread = daemon(this::run, "abr-worker-" + config.clientId() + "-poll");
  }

  /**
   * Creates a worker and starts its poll thread; returns at once (see {@link #isReady()}).
   *
   * @param type the message class, read with {@link Json}
   * @param listener observes the worker; {@link WorkerListener#NONE} for nothing
   */
  public static <T> KafkaWorker<T> start(
      KafkaWorkerConfig config,
      Class<T> type,
      RecordHandler<T> handler,
      DeadLetterHandler<T> deadLetters,
      WorkerListener listener) {
    KafkaWorker<T> worker = new KafkaWorker<>(config, type, handler, deadLetters, listener);
    worker.pollThread.start();
    return worker;
  }

  /**
   * Returns true while the poll loop is alive and polling often enough: false once it stopped,
   * failed (a handler threw an {@link Error}, or the consumer failed fatally), or has not polled
   * for half of {@code max.poll.interval.ms}. For a liveness probe.
   */
  public boolean isHealthy() {
    return switch (state) {
      case STARTING -> true;
      case RUNNING, DRAINING ->
          System.nanoTime() - lastPollNanos < config.maxPollInterval().toNanos() / 2;
      case STOPPED, FAILED -> false;
    };
  }

  /**
   * Returns true once this member has joined its group and until it starts to close. A member may
   * be ready with no partitions (more members than partitions). For a readiness probe.
   */
  public boolean isReady() {
    return state == State.RUNNING && joined;
  }

  /**
   * Returns true once {@link #close()} has stopped the worker after every handler it had started
   * finished and was committed; false while running, and after {@link #abort()}, a failure, or a
   * drain cut short by {@code shutdownGrace} (those records are redelivered to another member).
   */
  public boolean isDrained() {
    return drained;
  }

  /** The partitions assigned to this member now (a snapshot). */
  public Set<TopicPartition> assignment() {
    return assignment;
  }

  /**
   * Drains and stops, for SIGTERM: takes no new records, waits up to {@code shutdownGrace} for
   * running handlers (while still polling, so the member stays in the group), commits what
   * finished, leaves the group and closes the consumer. Handlers still running after the grace are
   * interrupted and their records are redelivered to another member. Blocks until done; idempotent.
   */
  @Override
  public void close() {
    stopRequested = true;
    awaitTermination();
  }

  /**
   * Stops at once without draining and without committing anything more: running handlers are
   * interrupted, and every record not committed yet is redelivered to another member. To the group
   * this looks like a crash, except that the member leaves at once instead of after the session
   * timeout. Blocks until done; idempotent.
   */
  public void abort() {
    abortRequested = true;
    stopRequested = true;
    awaitTermination();
  }

  @Override
  public String toString() {
    return "KafkaWorker[" + config.clientId() + " in " + config.groupId() + ", " + state + "]";
  }

  private void awaitTermination() {
    if (Thread.currentThread() == pollThread) {
      throw new IllegalStateException("a KafkaWorker cannot be closed from its own poll thread");
    }
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Object> consumerConfig(KafkaWorkerConfig config) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    // Kafka's default fetch wait (500 ms). Idle consumers send one empty fetch per wait: with
    // 100 ms, the idle fetches of the three roles cost the broker and the clients about 0.05
    // cores (measured on an idle abr run), more than all their real work. A partition is no
    // longer paused while its record is handled (only when its backlog is full), so its next
    // record does not wait for a resume and the fetch in flight.
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    c.putAll(config.consumerOverrides());
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId());
    c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, config.groupProtocol().name);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, config.maxPollInterval().toMillis()));
    if (config.groupProtocol() == GroupProtocol.CLASSIC) {
      // Incremental rebalancing: only the partitions that move are revoked, so a member joining
      // or leaving does not stop the work of the others.
      c.put(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    return c;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  // ---------------------------------------------------------------------------------------------
  // Poll thread

  private void run() {
    try {
      consumer.subscribe(config.topics(), new Rebalances());
      settlingUntilNanos = System.nanoTime() + JOIN_SETTLING_NANOS;
      state = State.RUNNING;
      LOG.info(
          "worker {} consuming {} in group {} ({} protocol, concurrency {})",
          config.clientId(),
          config.topics(),
          config.groupId(),
          config.groupProtocol().name,
          config.concurrency());
      while (!stopRequested && fatal == null) {
        applyFinished();
        dispatch();
        commitFinished();
        syncPauses();
        poll(nextPollTimeout());
      }
      if (!abortRequested && fatal == null) {
        drain();
      }
    } catch (RuntimeException | Error e) {
      fatal = e;
    } finally {
      stopConsumer();
    }
  }

  private void poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    lastPollNanos = System.nanoTime();
    if (!joined && consumer.groupMetadata().generationId() > 0) {
      joined = true;
    }
    for (TopicPartition partition : records.partitions()) {
      PartitionWork work = partitions.get(partition);
      if (work == null) {
        // Records are only returned for assigned partitions, which the rebalance listener has
        // registered; be safe anyway.
        work = new PartitionWork(partition);
        partitions.put(partition, work);
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        work.enqueue(record);
      }
    }
  }

  /**
   * The poll timeout: short, shorter still while the member joins or settles a new assignment, and
   * no later than the next retry that falls due.
   */
  private Duration nextPollTimeout() {
    long timeoutNanos = config.pollTimeout().toNanos();
    long now = System.nanoTime();
    if (now - settlingUntilNanos < 0) {
      timeoutNanos = Math.min(timeoutNanos, SETTLING_POLL_TIMEOUT.toNanos());
    }
    for (PartitionWork work : partitions.values()) {
      if (work.running == null && work.retryScheduled && !work.backlog.isEmpty()) {
        timeoutNanos = Math.min(timeoutNanos, Math.max(0, work.retryAtNanos - now));
      }
    }
    return Duration.ofNanos(timeoutNanos);
  }

  /** Starts a batch for each idle partition with records, while fewer than concurrency run. */
  private void dispatch() {
    int running = 0;
    for (PartitionWork work : partitions.values()) {
      if (work.running != null) {
        running++;
      }
    }
    long now = System.nanoTime();
    List<PartitionWork> started = new ArrayList<>();
    for (PartitionWork work : partitions.values()) {
      if (running >= config.concurrency()) {
        break;
      }
      if (work.running != null
          || work.backlog.isEmpty()
          || (work.retryScheduled && now - work.retryAtNanos < 0)) {
        continue;
      }
      Batch batch =
          new Batch(
              work, List.copyOf(work.backlog), work.headFailedAttempts, work.headPendingDeadLetter);
      work.backlog.clear();
      work.running = batch;
      work.retryScheduled = false;
      started.add(work);
      running++;
      handlerThreads.execute(batch);
    }
    // Round robin: partitions that just got a turn go to the back of the line.
    for (PartitionWork work : started) {
      partitions.remove(work.partition);
      partitions.put(work.partition, work);
    }
  }

  /** Takes in what handler threads finished: frees partitions, schedules retries. */
  private void applyFinished() {
    Batch batch;
    while ((batch = finished.poll()) != null) {
      if (batch.fatal != null) {
        fatal = batch.fatal;
        LOG.error(
            "worker {}: handler failed with an error on {}, stopping",
            config.clientId(),
            batch.work.partition,
            batch.fatal);
      }
      PartitionWork work = partitions.get(batch.work.partition);
      if (work != batch.work) {
        continue; // revoked or lost meanwhile: its results are not ours to commit
      }
      work.running = null;
      List<ConsumerRecord<byte[], byte[]>> unprocessed =
          batch.records.subList(batch.processed, batch.records.size());
      for (int i = unprocessed.size() - 1; i >= 0; i--) {
        work.backlog.addFirst(unprocessed.get(i));
      }
      if (batch.retryAfter != null) {
        work.headFailedAttempts = batch.failedAttempts;
        work.headPendingDeadLetter = batch.pendingDeadLetter;
        work.retryAtNanos = System.nanoTime() + batch.retryAfter.toNanos();
        work.retryScheduled = true;
      } else if (batch.processed > 0) {
        work.headFailedAttempts = 0;
        work.headPendingDeadLetter = null;
      }
    }
  }

  /** Commits the offsets handler threads have finished; keeps them for later if that fails. */
  private void commitFinished() {
    commit(partitions.values());
  }

  private void commit(Collection<PartitionWork> works) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionWork work : works) {
      long done = work.completedOffset;
      if (done > work.committedOffset) {
        offsets.put(work.partition, new OffsetAndMetadata(done));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, commitTimeout);
      Map<TopicPartition, Long> committed = new HashMap<>();
      for (PartitionWork work : works) {
        OffsetAndMetadata offset = offsets.get(work.partition);
        if (offset != null) {
          work.committedOffset = offset.offset();
          committed.put(work.partition, offset.offset());
        }
      }
      listener.committed(Map.copyOf(committed));
    } catch (RebalanceInProgressException | RetriableException e) {
      LOG.debug("worker {}: commit of {} postponed: {}", config.clientId(), offsets, e.toString());
    } catch (CommitFailedException e) {
      LOG.warn(
          "worker {}: commit of {} failed, this member is no longer in the group: {}",
          config.clientId(),
          offsets,
          e.getMessage());
    } catch (KafkaException e) {
      LOG.warn("worker {}: commit of {} failed: {}", config.clientId(), offsets, e.toString());
    }
  }

  /** Pauses every partition with work in flight or waiting, and resumes the idle ones. */
  private void syncPauses() {
    Set<TopicPartition> assigned = consumer.assignment();
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition partition : assigned) {
      PartitionWork work = partitions.get(partition);
      boolean hold = stopRequested || (work != null && work.isBacklogFull());
      if (hold && !paused.contains(partition)) {
        pause.add(partition);
      } else if (!hold && paused.contains(partition)) {
        resume.add(partition);
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  /** SIGTERM: no new records; wait (polling) for running handlers up to the grace; commit. */
  private void drain() {
    state = State.DRAINING;
    long deadlineNanos = System.nanoTime() + config.shutdownGrace().toNanos();
    LOG.info("worker {} draining", config.clientId());
    applyFinished();
    syncPauses();
    while (isAnyRunning() && System.nanoTime() - deadlineNanos < 0 && !abortRequested) {
      long remainingNanos = deadlineNanos - System.nanoTime();
      poll(Duration.ofNanos(Math.max(0, Math.min(config.pollTimeout().toNanos(), remainingNanos))));
      applyFinished();
      commitFinished();
      syncPauses();
    }
    applyFinished();
    commitFinished();
    drained = !abortRequested && !isAnyRunning() && isEverythingFinishedCommitted();
    if (isAnyRunning()) {
      LOG.warn(
          "worker {}: handlers still running after the {} shutdown grace; their records will be"
              + " redelivered",
          config.clientId(),
          config.shutdownGrace());
    }
  }

  /** True when every partition's finished offset has been committed. */
  private boolean isEverythingFinishedCommitted() {
    for (PartitionWork work : partitions.values()) {
      if (work.completedOffset > work.committedOffset) {
        return false;
      }
    }
    return true;
  }

  private boolean isAnyRunning() {
    for (PartitionWork work : partitions.values()) {
      if (work.running != null) {
        return true;
      }
    }
    return false;
  }

  private void stopConsumer() {
    Throwable failure = fatal;
    state = failure == null ? State.STOPPED : State.FAILED;
    if (failure != null) {
      LOG.error("worker {} failed", config.clientId(), failure);
    }
    for (PartitionWork work : partitions.values()) {
      work.owned = false;
    }
    Duration closeTimeout = Duration.ofSeconds(10);
    leaving = true;
    try {
      // Leaves the group; the rebalance listener then sees the partitions revoked (and commits
      // nothing new: everything finished was committed above, and the rest is not owned any more).
      consumer.unsubscribe();
      // Nothing is left to wait for but the fetch in flight, which would hold close() for up to
      // fetch.max.wait.ms.
      closeTimeout = Duration.ZERO;
    } catch (RuntimeException e) {
      LOG.warn("worker {}: leaving the group failed: {}", config.clientId(), e.toString());
    }
    try {
      consumer.close(CloseOptions.timeout(closeTimeout));
    } catch (RuntimeException e) {
      LOG.warn("worker {}: closing the consumer failed: {}", config.clientId(), e.toString());
    }
    handlerThreads.shutdownNow();
    assignment = Set.of();
    LOG.info("worker {} stopped", config.clientId());
    terminated.countDown();
  }

  /** Runs inside {@code poll()} (and {@code close()}) on the poll thread. */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> added) {
      for (TopicPartition partition : added) {
        partitions.putIfAbsent(partition, new PartitionWork(partition));
      }
      joined = true;
      settlingUntilNanos = System.nanoTime() + ASSIGNMENT_SETTLING_NANOS;
      assignment = Set.copyOf(consumer.assignment());
      // A rebalance may have resumed partitions this member paused because they are full.
      syncPauses();
      if (!added.isEmpty()) {
        LOG.info("worker {} assigned {}", config.clientId(), added);
      }
      listener.partitionsAssigned(List.copyOf(added));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (leaving) {
        // Leaving reports the partitions once as lost (consumer protocol), and close() may then
        // report them again as revoked.
        revoked = revoked.stream().filter(partitions::containsKey).toList();
        if (revoked.isEmpty()) {
          return;
        }
      }
      List<PartitionWork> works = owned(revoked);
      for (PartitionWork work : works) {
        work.owned = false;
      }
      if (!abortRequested && fatal == null) {
        if (state == State.RUNNING) {
          awaitRunning(works, config.revocationGrace());
        }
        commit(works);
      }
      forget(revoked);
      if (!revoked.isEmpty()) {
        LOG.info("worker {} revoked {}", config.clientId(), revoked);
      }
      listener.partitionsRevoked(List.copyOf(revoked));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      if (leaving) {
        // The consumer protocol reports a member's own leaving as lost partitions; everything
        // finished was committed before it left, as on a revocation.
        onPartitionsRevoked(lost);
        return;
      }
      for (PartitionWork work : owned(lost)) {
        work.owned = false;
      }
      forget(lost);
      LOG.warn(
          "worker {} lost {}; their unfinished work is redone elsewhere", config.clientId(), lost);
      listener.partitionsLost(List.copyOf(lost));
    }

    private List<PartitionWork> owned(Collection<TopicPartition> topicPartitions) {
      List<PartitionWork> works = new ArrayList<>();
      for (TopicPartition partition : topicPartitions) {
        PartitionWork work = partitions.get(partition);
        if (work != null) {
          works.add(work);
        }
      }
      return works;
    }

    private void awaitRunning(List<PartitionWork> works, Duration grace) {
      long deadlineNanos = System.nanoTime() + grace.toNanos();
      for (PartitionWork work : works) {
        Batch running = work.running;
        if (running == null) {
          continue;
        }
        try {
          running.done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          LOG.warn(
              "worker {}: {} still busy after the {} revocation grace; the new owner redoes it",
              config.clientId(),
              work.partition,
              grace);
        } catch (ExecutionException e) {
          throw new IllegalStateException("batch futures never fail", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void forget(Collection<TopicPartition> topicPartitions) {
      for (TopicPartition partition : topicPartitions) {
        partitions.remove(partition);
      }
      Set<TopicPartition> remaining = new HashSet<>(assignment);
      remaining.removeAll(topicPartitions);
      assignment = Set.copyOf(remaining);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Handler threads

  /** What a handler thread did with one record. */
  private enum Outcome {
    /** Handled or dead-lettered: its offset may be committed. */
    DONE,
    /** Try again after a back-off. */
    RETRY,
    /** The partition was lost or the worker is aborting: leave it for redelivery. */
    ABANDONED
  }

  /** The records of one partition, handled in order on one handler thread. */
  private final class Batch implements Runnable {
    final PartitionWork work;
    final List<ConsumerRecord<byte[], byte[]>> records;
    final int headFailedAttempts;
    final @Nullable DeadLetter<T> headPendingDeadLetter;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    // Results, written by the handler thread before the batch is queued in `finished`.
    int processed;
    int failedAttempts;
    @Nullable Duration retryAfter;
    @Nullable DeadLetter<T> pendingDeadLetter;
    @Nullable Throwable fatal;

    Batch(
        PartitionWork work,
        List<ConsumerRecord<byte[], byte[]>> records,
        int headFailedAttempts,
        @Nullable DeadLetter<T> headPendingDeadLetter) {
      this.work = work;
      this.records = records;
      this.headFailedAttempts = headFailedAttempts;
      this.headPendingDeadLetter = headPendingDeadLetter;
    }

    @Override
    public void run() {
      try {
        for (int i = 0; i < records.size(); i++) {
          if (!work.owned || stopRequested) {
            return;
          }
          ConsumerRecord<byte[], byte[]> record = records.get(i);
          int failedBefore = i == 0 ? headFailedAttempts : 0;
          DeadLetter<T> pending = i == 0 ? headPendingDeadLetter : null;
          Outcome outcome =
              pending != null ? deliver(pending, failedBefore) : attempt(record, failedBefore + 1);
          if (outcome != Outcome.DONE) {
            return;
          }
          work.completedOffset = record.offset() + 1;
          processed = i + 1;
        }
      } catch (Error e) {
        fatal = e;
      } finally {
        finished.add(this);
        done.complete(null);
      }
    }

    private Outcome attempt(ConsumerRecord<byte[], byte[]> record, int attempt) {
      TopicPartition partition = work.partition;
      Optional<String> key =
          Optional.ofNullable(record.key()).map(k -> new String(k, StandardCharsets.UTF_8));
      T value;
      try {
        value = read(record);
      } catch (PipelineException e) {
        LOG.warn("worker {}: {}; dead-lettering it", config.clientId(), e.getMessage());
        return deliver(letter(record, key, Optional.empty(), e.code(), e.getMessage(), 0), 0);
      }
      RecordContext context =
          new RecordContext(
              record.topic(),
              record.partition(),
              record.offset(),
              key,
              Instant.ofEpochMilli(record.timestamp()),
              attempt,
              () -> work.owned && !abortRequested);
      listener.handlerStarted(partition, record.offset(), attempt);
      long startNanos = System.nanoTime();
      ErrorCode code;
      Exception failure;
      try {
        handler.handle(value, context);
        listener.handlerFinished(partition, record.offset(), since(startNanos));
        return Outcome.DONE;
      } catch (PipelineException e) {
        code = e.code();
        failure = e;
      } catch (Exception e) {
        code = ErrorCode.INTERNAL_ERROR;
        failure = e;
      }
      boolean abandoned = !work.owned || abortRequested || failure instanceof InterruptedException;
      boolean retry =
          !abandoned && code.isRetriable() && config.retry().allowsAnotherAttempt(attempt);
      listener.handlerFailed(partition, record.offset(), code, retry, since(startNanos));
      if (abandoned) {
        LOG.info("worker {}: {} abandoned, partition no longer owned", config.clientId(), context);
        return Outcome.ABANDONED;
      }
      if (retry) {
        Duration backoff = config.retry().backoffAfter(attempt);
        LOG.warn(
            "worker {}: {} failed with {}, retrying in {}: {}",
            config.clientId(),
            context,
            code,
            backoff,
            failure.getMessage());
        failedAttempts = attempt;
        retryAfter = backoff;
        return Outcome.RETRY;
      }
      String message =
          failure instanceof PipelineException
              ? String.valueOf(failure.getMessage())
              : failure.getClass().getSimpleName() + ": " + failure.getMessage();
      if (failure instanceof PipelineException) {
        LOG.warn(
            "worker {}: {} failed with {}, dead-lettering it: {}",
            config.clientId(),
            context,
            code,
            message);
      } else {
        LOG.warn(
            "worker {}: {} failed unexpectedly, dead-lettering it",
            config.clientId(),
            context,
            failure);
      }
      return deliver(letter(record, key, Optional.of(value), code, message, attempt), attempt);
    }

    /** Hands {@code letter} to the dead-letter handler; on failure, retries it after a back-off. */
    private Outcome deliver(DeadLetter<T> letter, int failedBefore) {
      TopicPartition partition = work.partition;
      try {
        deadLetters.deadLetter(letter);
        listener.deadLettered(partition, letter.offset(), letter.code());
        return Outcome.DONE;
      } catch (Exception e) {
        if (!work.owned || abortRequested || e instanceof InterruptedException) {
          return Outcome.ABANDONED;
        }
        int failures = failedBefore + 1;
        Duration backoff = config.retry().backoffAfter(failures);
        LOG.warn(
            "worker {}: dead-lettering {}-{}@{} failed, retrying in {}: {}",
            config.clientId(),
            letter.topic(),
            letter.partition(),
            letter.offset(),
            backoff,
            e.toString());
        failedAttempts = failures;
        retryAfter = backoff;
        pendingDeadLetter = letter;
        return Outcome.RETRY;
      }
    }

    private T read(ConsumerRecord<byte[], byte[]> record) {
      String what = "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
      if (record.value() == null) {
        throw new PipelineException(
            ErrorCode.INPUT_INVALID_DOCUMENT, what + " has no value (a tombstone)");
      }
      return Json.read(record.value(), type, what);
    }

    private DeadLetter<T> letter(
        ConsumerRecord<byte[], byte[]> record,
        Optional<String> key,
        Optional<T> value,
        ErrorCode code,
        String message,
        int attempts) {
      byte[] raw = record.value() == null ? new byte[0] : record.value();
      return new DeadLetter<>(
          record.topic(),
          record.partition(),
          record.offset(),
          key,
          ByteBuffer.wrap(raw),
          value,
          code,
          message,
          attempts);
    }

    private Duration since(long startNanos) {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }
  }

  /** A partition this member owns. Fields are the poll thread's, except the volatile ones. */
  private final class PartitionWork {
    final TopicPartition partition;

    /** Fetched records not handed to a handler thread yet, in offset order. */
    final ArrayDeque<ConsumerRecord<byte[], byte[]>> backlog = new ArrayDeque<>();

    /** The offset after the last record queued, to drop records fetched twice; -1 if none. */
    long queuedOffset = -1;

    @Nullable Batch running;
    int headFailedAttempts;
    @Nullable DeadLetter<T> headPendingDeadLetter;
    boolean retryScheduled;
    long retryAtNanos;
    long committedOffset = -1;

    /** The offset after the last record handled or dead-lettered; written by handler threads. */
    volatile long completedOffset = -1;

    /** False once revoked, lost or the worker is stopping; read by handler threads. */
    volatile boolean owned = true;

    PartitionWork(TopicPartition partition) {
      this.partition = partition;
    }

    void enqueue(ConsumerRecord<byte[], byte[]> record) {
      if (record.offset() < queuedOffset) {
        return;
      }
      backlog.addLast(record);
      queuedOffset = record.offset() + 1;
    }

    /**
     * Whether to stop fetching this partition: its backlog is full. A partition whose record is
     * being handled keeps fetching, so its next record is already here when the handler returns.
     */
    boolean isBacklogFull() {
      return backlog.size() >= MAX_BACKLOG;
    }
  }

  /** Calls a listener, logging and ignoring what it throws. */
  private static final class SafeListener implements WorkerListener {
    private final WorkerListener delegate;

    SafeListener(WorkerListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void handlerStarted(TopicPartition partition, long offset, int attempt) {
      guard(() -> delegate.handlerStarted(partition, offset, attempt));
    }

    @Override
    public void handlerFinished(TopicPartition partition, long offset, Duration elapsed) {
      guard(() -> delegate.handlerFinished(partition, offset, elapsed));
    }

    @Override
    public void handlerFailed(
        TopicPartition partition,
        long offset,
        ErrorCode code,
        boolean willRetry,
        Duration elapsed) {
      guard(() -> delegate.handlerFailed(partition, offset, code, willRetry, elapsed));
    }

    @Override
    public void deadLettered(TopicPartition partition, long offset, ErrorCode code) {
      guard(() -> delegate.deadLettered(partition, offset, code));
    }

    @Override
    public void committed(Map<TopicPartition, Long> nextOffsets) {
      guard(() -> delegate.committed(nextOffsets));
    }

    @Override
    public void partitionsAssigned(Collection<TopicPartition> partitions) {
      guard(() -> delegate.partitionsAssigned(partitions));
    }

    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
      guard(() -> delegate.partitionsRevoked(partitions));
    }

    @Override
    public void partitionsLost(Collection<TopicPartition> partitions) {
      guard(() -> delegate.partitionsLost(partitions));
    }

    private static void guard(Runnable call) {
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.warn("worker listener failed; ignored", e);
      }
    }
  }
}
