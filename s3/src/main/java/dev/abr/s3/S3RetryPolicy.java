package dev.abr.s3;

import java.time.Duration;

/**
 * How long and how often an S3 call may try: every call is retried on connection failures, timeouts
 * of one attempt, {@code 5xx} answers and throttling ({@code 503 SlowDown}, {@code 429}), with
 * exponential back-off and full jitter, and fails with an {@link java.io.IOException} once attempts
 * or time run out. Wall-clock durations only (no media time here).
 *
 * @param maxAttempts attempts per call, the first included (1 = no retry), 1 to 20
 * @param baseDelay back-off before the first retry of an ordinary failure; doubles each retry, and
 *     each wait is a random time up to that (full jitter)
 * @param throttlingBaseDelay the same for throttling answers, which deserve longer waits
 * @param maxBackoff cap of any single back-off wait
 * @param connectTimeout limit to open a TCP/TLS connection
 * @param attemptTimeout limit of one attempt (request sent, answer read); also the socket read
 *     timeout, so a stalled stream from {@link S3ObjectStore#open} fails after it too
 * @param callTimeout limit of a whole call, all attempts and back-off included
 */
public record S3RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration throttlingBaseDelay,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration attemptTimeout,
    Duration callTimeout) {
  /** Checks bounds: positive durations, back-off bases within the cap, attempt within call. */
  public S3RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 20: " + maxAttempts);
    }
    for (Duration duration :
        new Duration[] {
          baseDelay, throttlingBaseDelay, maxBackoff, connectTimeout, attemptTimeout, callTimeout
        }) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("S3 retry durations must be positive: " + duration);
      }
    }
    if (baseDelay.compareTo(maxBackoff) > 0 || throttlingBaseDelay.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException("back-off base delays must not exceed maxBackoff");
    }
    if (attemptTimeout.compareTo(callTimeout) > 0) {
      throw new IllegalArgumentException("attemptTimeout must not exceed callTimeout");
    }
  }

  /**
   * The production default: 5 attempts; back-off 100 ms (throttling 500 ms) doubling up to 10 s;
   * connect 5 s; one attempt 60 s (a 16 MiB PUT at a slow 0.3 MB/s); a whole call 180 s.
   */
  public static S3RetryPolicy defaults() {
    return new S3RetryPolicy(
        5,
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(180));
  }
}
