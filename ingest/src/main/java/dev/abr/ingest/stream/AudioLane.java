package dev.abr.ingest.stream;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Runs a source's audio work (decode, AAC encode, audio fragments) on its own thread, in the order
 * it was handed in, while the reading thread goes on cutting video chunks.
 *
 * <p>Before, the reading thread encoded audio itself, so a chunk was published only after all its
 * audio had been encoded: about 0.55 s of CPU for the 32 s first chunk of a VOD source, spent
 * before any transcoder could start (measured with the ffmpeg CLI's AAC encoder on the benchmark
 * source; {@code docs/performance.md}).
 *
 * <p>The queue is bounded ({@link #CAPACITY} tasks, a few seconds of audio packets): a reader that
 * gets ahead waits. The first task that throws stops the lane: later tasks are discarded (their
 * packets freed) and the next {@link #submit} or {@link #drain} rethrows the failure on the reading
 * thread. After {@link #drain} the lane runs tasks inline on the caller's thread.
 *
 * <p>Thread-safety: {@link #submit}, {@link #drain} and {@link #close} are called by the reading
 * thread only.
 */
final class AudioLane implements AutoCloseable {
  /** About 5 s of 48 kHz AAC packets (1024 samples each), and far more of other codecs' audio. */
  static final int CAPACITY = 4096;

  /** A unit of audio work; {@link #discard()} frees what it holds when it will not run. */
  interface Task {
    void run();

    default void discard() {}
  }

  private static final Task STOP = () -> {};

  private final String name;
  private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(CAPACITY);
  private @Nullable Thread thread;
  private boolean drained;
  private volatile @Nullable RuntimeException failure;
  private volatile boolean cancelled;

  /**
   * @param name the source's name, for the thread's name and for errors
   */
  AudioLane(String name) {
    this.name = name;
  }

  /**
   * Queues {@code task}, starting the lane's thread on first use; runs it inline once drained.
   *
   * @throws PipelineException (or another exception) an earlier task failed with
   */
  void submit(Task task) {
    throwIfFailed(task);
    if (drained) {
      task.run();
      return;
    }
    if (thread == null) {
      thread = Thread.ofPlatform().name("abr-ingest-audio").daemon().start(this::loop);
    }
    try {
      queue.put(task);
    } catch (InterruptedException e) {
      task.discard();
      Thread.currentThread().interrupt();
      throw new PipelineException(
          ErrorCode.INTERNAL_ERROR, "interrupted while handing audio of " + name + " on", e);
    }
  }

  /**
   * Waits until every queued task has run, stops the thread, and from then on runs tasks inline.
   *
   * @throws PipelineException (or another exception) a task failed with
   */
  void drain() {
    drained = true;
    stop();
    RuntimeException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }

  /** Stops the lane without running what is still queued (it is freed); idempotent. */
  @Override
  public void close() {
    drained = true;
    cancelled = true;
    stop();
  }

  private void stop() {
    Thread running = thread;
    if (running == null) {
      return;
    }
    thread = null;
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(STOP);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    while (running.isAlive()) {
      try {
        running.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (true) {
      Task task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        // Nobody interrupts this thread; if something does, keep serving the queue.
        continue;
      }
      if (task == STOP) {
        return;
      }
      if (failure != null || cancelled) {
        task.discard();
        continue;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        failure = e;
      } catch (Error e) {
        failure = new PipelineException(ErrorCode.INTERNAL_ERROR, "audio of " + name + ": " + e, e);
      }
    }
  }

  private void throwIfFailed(Task task) {
    RuntimeException failed = failure;
    if (failed != null) {
      task.discard();
      throw failed;
    }
  }
}
