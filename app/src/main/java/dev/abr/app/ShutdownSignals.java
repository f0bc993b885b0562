package dev.abr.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for a role process: the first asks for a drain ({@link #awaitStopRequest()}
 * returns), a second asks to stop at once ({@link #onRepeatedSignal}).
 *
 * <p>Why not just a shutdown hook: the JVM's own SIGTERM handler starts the shutdown sequence and
 * ignores every further signal while hooks run, so a second SIGTERM could not cut a drain short,
 * and the process would always exit 143. Handling the signals (with {@code sun.misc.Signal}, the
 * supported JDK-internal API that Kafka uses too) lets the process drain, decide its exit code and
 * exit with {@code System.exit}. A shutdown hook remains for the other ways a JVM ends (SIGHUP,
 * {@code System.exit} elsewhere): it asks for the same drain and waits for it, up to a bound.
 */
final class ShutdownSignals {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger signals = new AtomicInteger();
  private volatile Runnable onRepeat;

  private ShutdownSignals(Runnable onRepeat) {
    this.onRepeat = onRepeat;
  }

  /**
   * Installs the handlers for this process.
   *
   * @param onRepeat what a second signal does until {@link #onRepeatedSignal} says otherwise
   * @param hookWait how long the shutdown hook waits for {@link #finished()}
   */
  static ShutdownSignals install(Runnable onRepeat, Duration hookWait) {
    ShutdownSignals signals = new ShutdownSignals(onRepeat);
    Signal.handle(new Signal("TERM"), signals::signalled);
    Signal.handle(new Signal("INT"), signals::signalled);
    Thread hook =
        new Thread(
            () -> {
              signals.stopRequested.countDown();
              try {
                signals.finished.await(hookWait.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "abr-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    return signals;
  }

  /** Blocks until the first signal (or the JVM's shutdown) asks this process to stop. */
  void awaitStopRequest() throws InterruptedException {
    stopRequested.await();
  }

  /** From now on, a second signal runs {@code action} (on the signal's own thread). */
  void onRepeatedSignal(Runnable action) {
    onRepeat = action;
  }

  /** The process has finished stopping; the shutdown hook may return. */
  void finished() {
    finished.countDown();
  }

  private void signalled(Signal signal) {
    int count = signals.incrementAndGet();
    if (count == 1) {
      LOG.info("SIG{} received: draining (send it again to stop at once)", signal.getName());
      stopRequested.countDown();
    } else {
      LOG.warn("SIG{} received again: stopping at once", signal.getName());
      onRepeat.run();
    }
  }
}
