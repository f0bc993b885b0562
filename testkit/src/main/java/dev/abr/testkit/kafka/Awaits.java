package dev.abr.testkit.kafka;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline, for tests that observe a concurrent system (a consumer
 * group, a broker) through state they can only query. Fails with a message naming the condition
 * instead of hanging. Prefer a latch or a queue where the code under test can signal.
 */
public final class Awaits {
  private static final long CHECK_INTERVAL_NANOS = Duration.ofMillis(20).toNanos();

  private Awaits() {}

  /**
   * Returns as soon as {@code condition} is true.
   *
   * @param what the condition, for the failure message ("both workers have partitions")
   * @throws AssertionError if it is still false after {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      LockSupport.parkNanos(CHECK_INTERVAL_NANOS);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what);
      }
    }
  }
}
