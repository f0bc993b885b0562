package dev.abr.packager.stream;

import dev.abr.core.kafka.DeadLetter;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaWorker;
import dev.abr.core.kafka.KafkaWorkerConfig;
import dev.abr.core.kafka.MicrometerWorkerListener;
import dev.abr.core.kafka.RecordContext;
import dev.abr.core.kafka.WorkerListener;
import dev.abr.core.kafka.WorkerListeners;
import dev.abr.core.kafka.WorkerRole;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packager role: a member of consumer group {@code abr-packager} on {@link
 * Topics#PACKAGE_REQUESTED}. Events are keyed by stream, so one member owns a stream and sees its
 * events in order; each stream's state is a {@link StreamPackage}.
 *
 * <p>State is durable: each event's effect on its stream is written to the work store before the
 * event's offset is committed, and a stream this member does not hold in memory is loaded from
 * there. So a packager that restarts, or takes a partition over from another member, continues
 * every stream exactly where it was (see docs/decisions/014-packager-state.md). Memory is only a
 * cache of that state: a stream is dropped from it when its partition is revoked or lost and when
 * applying an event fails (the retry reloads it). Finished streams are remembered as finished, in
 * memory and in the store, so late duplicates do nothing.
 */
public final class PackagerRole implements WorkerRole {
  private static final Logger LOG = LoggerFactory.getLogger(PackagerRole.class);

  /** The consumer group of packagers. */
  public static final String GROUP = "abr-packager";

  private static final int FINISHED_REMEMBERED = 10_000;

  private final JsonProducer producer;
  private final KafkaWorker<PackageEvent> worker;

  private final ScheduledExecutorService deletions;

  private PackagerRole(
      JsonProducer producer, KafkaWorker<PackageEvent> worker, ScheduledExecutorService deletions) {
    this.producer = producer;
    this.worker = worker;
    this.deletions = deletions;
  }

  /**
   * Starts consuming; packages go to {@code output}, fragments are read from {@code work}, where
   * the streams' state is kept too.
   */
  public static PackagerRole start(
      WorkerSettings kafka,
      ObjectStore work,
      ObjectStore output,
      MeterRegistry registry,
      Clock clock) {
    return start(kafka, work, output, registry, clock, WorkerListener.NONE);
  }

  /**
   * Like {@link #start(WorkerSettings, ObjectStore, ObjectStore, MeterRegistry, Clock)}; {@code
   * listener} also hears the worker's events.
   */
  public static PackagerRole start(
      WorkerSettings kafka,
      ObjectStore work,
      ObjectStore output,
      MeterRegistry registry,
      Clock clock,
      WorkerListener listener) {
    JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), kafka.producerClientId());
    Streams streams = new Streams();
    ScheduledExecutorService deletions =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "packager-deletions");
              thread.setDaemon(true);
              return thread;
            });
    KafkaWorkerConfig config =
        kafka.workerConfig(GROUP, Topics.PACKAGE_REQUESTED).withConcurrency(2);
    KafkaWorker<PackageEvent> worker =
        KafkaWorker.start(
            config,
            PackageEvent.class,
            (PackageEvent event, RecordContext context) -> {
              String streamId = event.streamId();
              if (streams.isFinished(streamId)) {
                return;
              }
              StreamPackage stream =
                  streams.get(
                      streamId,
                      context.partition(),
                      () -> StreamPackage.load(streamId, work, output, producer, clock, registry));
              try {
                stream.apply(event);
              } catch (RuntimeException e) {
                // The object may be ahead of the durable state: the retry starts from the store.
                streams.forget(streamId);
                throw e;
              }
              for (StreamPackage.DeferredDeletion deletion : stream.takeDeferredDeletions()) {
                long delay =
                    Math.max(0, Duration.between(clock.instant(), deletion.due()).toMillis());
                deletions.schedule(
                    () -> deleteLater(output, deletion.key()), delay, TimeUnit.MILLISECONDS);
              }
              if (stream.status() != StreamPackage.Status.ACTIVE) {
                streams.finished(streamId);
              }
            },
            (DeadLetter<PackageEvent> letter) -> {
              LOG.error(
                  "package event at {}-{}@{} dead-lettered: {} [{}]",
                  letter.topic(),
                  letter.partition(),
                  letter.offset(),
                  letter.message(),
                  letter.code());
              letter
                  .value()
                  .ifPresent(
                      event -> {
                        streams.forget(event.streamId());
                        try {
                          StreamPackage.load(
                                  event.streamId(), work, output, producer, clock, registry)
                              .markFailed();
                        } catch (RuntimeException e) {
                          LOG.warn(
                              "stream {}: cannot record the failure in the work store: {}",
                              event.streamId(),
                              e.getMessage());
                        }
                        streams.finished(event.streamId());
                        producer.sendAndWait(
                            Topics.JOB_EVENTS,
                            event.jobId(),
                            JobEvent.of(
                                    event.jobId(),
                                    event.streamId(),
                                    JobEventType.FAILED,
                                    clock.instant())
                                .withError(new JobError(letter.code(), letter.message())));
                      });
            },
            WorkerListeners.all(
                new MicrometerWorkerListener(registry, "packager"), streams, listener));
    return new PackagerRole(producer, worker, deletions);
  }

  /** Deletes a live segment that left the window before its stream ended; failures leave it. */
  private static void deleteLater(ObjectStore output, String key) {
    try {
      output.delete(key);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete {} from {}: {}", key, output.describe(), e.getMessage());
    }
  }

  /**
   * The streams held in memory, by the partition they came from, and the streams known to be
   * finished. Handler threads read and change it; the poll thread drops the streams of partitions
   * this member gives up (through the worker listener).
   */
  private static final class Streams implements WorkerListener {
    private final Map<String, StreamPackage> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> finished =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > FINISHED_REMEMBERED;
              }
            });

    boolean isFinished(String streamId) {
      return finished.containsKey(streamId);
    }

    StreamPackage get(String streamId, int partition, Supplier<StreamPackage> load) {
      partitions.put(streamId, partition);
      return byId.computeIfAbsent(streamId, id -> load.get());
    }

    void forget(String streamId) {
      byId.remove(streamId);
      partitions.remove(streamId);
    }

    void finished(String streamId) {
      forget(streamId);
      finished.put(streamId, Boolean.TRUE);
    }

    @Override
    public void partitionsRevoked(Collection<TopicPartition> revoked) {
      forgetStreamsOf(revoked);
    }

    @Override
    public void partitionsLost(Collection<TopicPartition> lost) {
      forgetStreamsOf(lost);
    }

    /** Another member may change these streams now; what we hold would go stale. */
    private void forgetStreamsOf(Collection<TopicPartition> given) {
      Set<Integer> numbers = new HashSet<>();
      for (TopicPartition partition : given) {
        if (partition.topic().equals(Topics.PACKAGE_REQUESTED)) {
          numbers.add(partition.partition());
        }
      }
      partitions.forEach(
          (streamId, partition) -> {
            if (numbers.contains(partition)) {
              forget(streamId);
            }
          });
    }
  }

  @Override
  public boolean isHealthy() {
    return worker.isHealthy();
  }

  @Override
  public boolean isReady() {
    return worker.isReady();
  }

  @Override
  public boolean isDrained() {
    return worker.isDrained();
  }

  @Override
  public void close() {
    worker.close();
    producer.close();
    deletions.shutdownNow(); // segments still due for deletion stay (they are listed nowhere)
  }

  @Override
  public void abort() {
    deletions.shutdownNow();
    worker.abort();
  }
}
