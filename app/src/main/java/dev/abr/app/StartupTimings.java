package dev.abr.app;

import dev.abr.core.kafka.WorkerListener;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Start-up milestones of the all-in-one run, for {@code abr vod --timings} and the benchmark: when
 * the broker was ready, the topics created, the roles started, and the transcoder began its first
 * chunk. Times are {@link System#nanoTime()} values, reported from the JVM's start.
 */
final class StartupTimings {
  volatile long brokerReady;
  volatile long topicsReady;
  volatile long rolesStarted;
  volatile long firstChunkConsumed;

  /** Records the first record the transcoder starts on. */
  WorkerListener firstChunkListener() {
    return new WorkerListener() {
      @Override
      public void handlerStarted(TopicPartition partition, long offset, int attempt) {
        if (firstChunkConsumed == 0) {
          firstChunkConsumed = System.nanoTime();
        }
      }
    };
  }

  /** One line: seconds from JVM start to each milestone. */
  String describe() {
    long jvmStartNanos =
        System.nanoTime()
            - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
    return String.format(
        Locale.ROOT,
        "timings (s from JVM start): broker ready %.2f, topics %.2f, roles started %.2f, first chunk consumed %s",
        seconds(brokerReady, jvmStartNanos),
        seconds(topicsReady, jvmStartNanos),
        seconds(rolesStarted, jvmStartNanos),
        firstChunkConsumed == 0
            ? "never"
            : String.format(Locale.ROOT, "%.2f", seconds(firstChunkConsumed, jvmStartNanos)));
  }

  private static double seconds(long at, long start) {
    return (at - start) / 1e9;
  }
}
