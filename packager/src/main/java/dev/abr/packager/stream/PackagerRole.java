package dev.abr.packager.stream;

import dev.abr.core.kafka.DeadLetter;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaWorker;
import dev.abr.core.kafka.KafkaWorkerConfig;
import dev.abr.core.kafka.MicrometerWorkerListener;
import dev.abr.core.kafka.RecordContext;
import dev.abr.core.kafka.WorkerRole;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packager role: a member of consumer group {@code abr-packager} on {@link
 * Topics#PACKAGE_REQUESTED}. Events are keyed by stream, so one member owns a stream and sees its
 * events in order; each stream's state is a {@link StreamPackage}. Finished streams are forgotten
 * but remembered as finished, so late duplicates do nothing.
 *
 * <p>State lives in memory for now: a packager restarted mid-stream does not yet rebuild it from
 * storage and Kafka (see issue: scale out).
 */
public final class PackagerRole implements WorkerRole {
  private static final Logger LOG = LoggerFactory.getLogger(PackagerRole.class);

  /** The consumer group of packagers. */
  public static final String GROUP = "abr-packager";

  private static final int FINISHED_REMEMBERED = 10_000;

  private final JsonProducer producer;
  private final KafkaWorker<PackageEvent> worker;

  private final java.util.concurrent.ScheduledExecutorService deletions;

  private PackagerRole(
      JsonProducer producer,
      KafkaWorker<PackageEvent> worker,
      java.util.concurrent.ScheduledExecutorService deletions) {
    this.producer = producer;
    this.worker = worker;
    this.deletions = deletions;
  }

  /** Starts consuming; packages go to {@code output}, fragments are read from {@code work}. */
  public static PackagerRole start(
      WorkerSettings kafka,
      ObjectStore work,
      ObjectStore output,
      MeterRegistry registry,
      Clock clock) {
    JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), kafka.producerClientId());
    Map<String, StreamPackage> streams = new ConcurrentHashMap<>();
    java.util.concurrent.ScheduledExecutorService deletions =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "packager-deletions");
              thread.setDaemon(true);
              return thread;
            });
    Map<String, Boolean> finished =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > FINISHED_REMEMBERED;
              }
            });
    KafkaWorkerConfig config =
        kafka.workerConfig(GROUP, Topics.PACKAGE_REQUESTED).withConcurrency(2);
    KafkaWorker<PackageEvent> worker =
        KafkaWorker.start(
            config,
            PackageEvent.class,
            (PackageEvent event, RecordContext context) -> {
              String streamId = event.streamId();
              if (finished.containsKey(streamId)) {
                return;
              }
              StreamPackage stream =
                  streams.computeIfAbsent(
                      streamId,
                      id -> new StreamPackage(id, work, output, producer, clock, registry));
              stream.apply(event);
              for (StreamPackage.DeferredDeletion deletion : stream.takeDeferredDeletions()) {
                long delay =
                    Math.max(
                        0, java.time.Duration.between(clock.instant(), deletion.due()).toMillis());
                deletions.schedule(
                    () -> deleteLater(output, deletion.key()),
                    delay,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
              }
              if (stream.status() != StreamPackage.Status.ACTIVE) {
                streams.remove(streamId);
                finished.put(streamId, Boolean.TRUE);
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
                        streams.remove(event.streamId());
                        finished.put(event.streamId(), Boolean.TRUE);
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
            new MicrometerWorkerListener(registry, "packager"));
    return new PackagerRole(producer, worker, deletions);
  }

  /** Deletes a live segment that left the window before its stream ended; failures leave it. */
  private static void deleteLater(ObjectStore output, String key) {
    try {
      output.delete(key);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("could not delete {} from {}: {}", key, output.describe(), e.getMessage());
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
