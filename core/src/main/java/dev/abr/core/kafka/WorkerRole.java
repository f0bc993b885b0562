package dev.abr.core.kafka;

/**
 * A pipeline role built on one {@link KafkaWorker}, as its process sees it: the probes of its ops
 * server and its shutdown. Implementations are thread-safe; the probes are cheap and never block.
 */
public interface WorkerRole extends AutoCloseable {
  /** True while the worker's poll loop is alive ({@link KafkaWorker#isHealthy()}); for liveness. */
  boolean isHealthy();

  /**
   * True once the worker has joined its group, with or without partitions, and until it starts to
   * close ({@link KafkaWorker#isReady()}); for readiness.
   */
  boolean isReady();

  /**
   * True once {@link #close()} returned after every record the worker had started was finished and
   * committed; false before, and after an {@link #abort()}, a failure or a drain cut short by the
   * shutdown grace (those records are redelivered to another member).
   */
  boolean isDrained();

  /**
   * Stops taking work, lets running work finish within the shutdown grace, commits it and closes
   * the role's clients. Blocks until done; idempotent.
   */
  @Override
  void close();

  /**
   * Stops at once without finishing or committing running work (it is redelivered); may be called
   * while another thread is in {@link #close()}, which then returns promptly. Blocks until the
   * worker has stopped; the caller still calls {@link #close()} to release the other clients.
   */
  void abort();
}
