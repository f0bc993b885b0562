package dev.abr.testkit.kafka;

import dev.abr.core.kafka.RecordContext;
import dev.abr.core.kafka.RecordHandler;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A handler that runs a test-supplied {@link Behaviour} and records every run, for one or more
 * workers (each gets its own view with {@link #forWorker}).
 */
final class RecordingHandler {
  /** What the handler does with a message; may throw, block, or return. */
  @FunctionalInterface
  interface Behaviour {
    void run(TestMessage message, RecordContext context) throws Exception;
  }

  private final ConcurrentLinkedQueue<Handled> runs = new ConcurrentLinkedQueue<>();
  private final Behaviour behaviour;

  RecordingHandler(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** A handler that returns at once. */
  static RecordingHandler succeeding() {
    return new RecordingHandler((message, context) -> {});
  }

  /** The handler to give the worker with client id {@code worker}. */
  RecordHandler<TestMessage> forWorker(String worker) {
    return (message, context) -> {
      try {
        behaviour.run(message, context);
      } catch (Exception | Error e) {
        runs.add(record(worker, message, context, false));
        throw e;
      }
      runs.add(record(worker, message, context, true));
    };
  }

  /** Every run so far, in completion order. */
  List<Handled> runs() {
    return List.copyOf(runs);
  }

  /** The runs that returned normally. */
  List<Handled> successes() {
    return runs.stream().filter(Handled::succeeded).toList();
  }

  /** The sequence numbers of the successful runs, in completion order. */
  List<Integer> succeededSequences() {
    return successes().stream().map(h -> h.message().sequence()).toList();
  }

  private static Handled record(
      String worker, TestMessage message, RecordContext context, boolean succeeded) {
    return new Handled(
        worker, context.partition(), context.offset(), message, context.attempt(), succeeded);
  }
}
