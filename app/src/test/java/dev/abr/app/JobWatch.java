package dev.abr.app;

import dev.abr.core.kafka.TopicTail;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.Topics;
import dev.abr.testkit.kafka.Awaits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every {@link JobEvent} on the broker, read by a background thread from the start of the topic, so
 * tests can wait for a job's steps while they do other things. It keeps reading across broker
 * restarts (the consumer reconnects). Thread-safe.
 */
final class JobWatch implements AutoCloseable {
  private final TopicTail<JobEvent> tail;
  private final List<JobEvent> events = new ArrayList<>();
  private final Thread reader;
  private volatile boolean running = true;

  private JobWatch(TopicTail<JobEvent> tail) {
    this.tail = tail;
    this.reader = new Thread(this::read, "job-watch");
    reader.setDaemon(true);
  }

  static JobWatch start(String bootstrapServers) {
    JobWatch watch =
        new JobWatch(
            TopicTail.fromBeginning(
                bootstrapServers, Topics.JOB_EVENTS, JobEvent.class, Duration.ofSeconds(60)));
    watch.reader.start();
    return watch;
  }

  /** The events of {@code jobId} so far, in the order read. */
  List<JobEvent> of(String jobId) {
    synchronized (events) {
      return events.stream().filter(e -> e.jobId().equals(jobId)).toList();
    }
  }

  /** The first event of {@code jobId} matching {@code condition}, waiting up to {@code timeout}. */
  JobEvent await(String jobId, String what, Duration timeout, Predicate<JobEvent> condition) {
    JobEvent[] found = new JobEvent[1];
    Awaits.until(
        "job " + jobId + ": " + what,
        timeout,
        () -> {
          Optional<JobEvent> event = of(jobId).stream().filter(condition).findFirst();
          event.ifPresent(e -> found[0] = e);
          return event.isPresent();
        });
    return found[0];
  }

  /** The job's {@code completed} or {@code failed} event. */
  JobEvent awaitEnd(String jobId, Duration timeout) {
    return await(
        jobId,
        "completed or failed",
        timeout,
        e -> e.type() == JobEventType.COMPLETED || e.type() == JobEventType.FAILED);
  }

  @Override
  public void close() {
    running = false;
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tail.close();
  }

  private void read() {
    while (running) {
      List<JobEvent> batch;
      try {
        batch = tail.poll(Duration.ofMillis(200));
      } catch (RuntimeException e) {
        continue; // the broker is away; the consumer reconnects
      }
      synchronized (events) {
        events.addAll(batch);
      }
    }
  }
}
