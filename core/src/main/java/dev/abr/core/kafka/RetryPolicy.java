package dev.abr.core.kafka;

import java.time.Duration;

/**
 * How often {@link KafkaWorker} tries a record whose handler fails with a retriable code, and how
 * long it waits in between: the wait doubles after each failed attempt, from {@code initialBackoff}
 * up to {@code maxBackoff}. No jitter: each partition retries on its own, so retries of different
 * records do not line up.
 *
 * @param maxAttempts attempts in all, including the first; 1 means no retry
 * @param initialBackoff the wait after the first failed attempt
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
    }
  }

  /** 5 attempts, waiting 1 s, 2 s, 4 s and 8 s in between (about 15 s in all). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /**
   * The wait before attempt {@code failedAttempts + 1}: {@code initialBackoff * 2^(failedAttempts -
   * 1)}, at most {@code maxBackoff}.
   *
   * @param failedAttempts attempts made so far, at least 1
   */
  public Duration backoffAfter(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
    }
    Duration backoff = initialBackoff;
    for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }

  /** Returns true if a record that failed {@code failedAttempts} times may be tried again. */
  public boolean allowsAnotherAttempt(int failedAttempts) {
    return failedAttempts < maxAttempts;
  }
}
