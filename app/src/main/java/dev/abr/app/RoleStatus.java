package dev.abr.app;

import java.util.function.BooleanSupplier;

/**
 * The life of a role process as its ops server reports it: starting, running (then the role's own
 * probes decide), draining after SIGTERM, stopped. Thread-safe.
 */
final class RoleStatus {
  /** Where the process is in its life. */
  enum Phase {
    STARTING,
    RUNNING,
    DRAINING,
    STOPPED
  }

  private volatile Phase phase = Phase.STARTING;
  private volatile BooleanSupplier healthy = () -> true;
  private volatile BooleanSupplier ready = () -> false;

  /** The role has started; from now on {@code healthy} and {@code ready} are its probes. */
  void running(BooleanSupplier healthy, BooleanSupplier ready) {
    this.healthy = healthy;
    this.ready = ready;
    phase = Phase.RUNNING;
  }

  /** Shutdown has begun: not ready any more, whatever the role says. */
  void draining() {
    if (phase != Phase.STOPPED) {
      phase = Phase.DRAINING;
    }
  }

  /** The role has stopped. */
  void stopped() {
    phase = Phase.STOPPED;
  }

  Phase phase() {
    return phase;
  }

  /**
   * Liveness: true while starting (start-up has its own timeout), and while running or draining if
   * the role's worker is alive; false once stopped.
   */
  boolean isHealthy() {
    return switch (phase) {
      case STARTING -> true;
      case RUNNING, DRAINING -> healthy.getAsBoolean();
      case STOPPED -> false;
    };
  }

  /** Readiness: true only while running and the role says it is ready. */
  boolean isReady() {
    return phase == Phase.RUNNING && ready.getAsBoolean();
  }
}
