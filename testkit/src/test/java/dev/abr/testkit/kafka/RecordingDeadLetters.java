package dev.abr.testkit.kafka;

import dev.abr.core.kafka.DeadLetter;
import dev.abr.core.kafka.DeadLetterHandler;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A dead-letter handler that records the letters; it can be told to fail its first calls. */
final class RecordingDeadLetters implements DeadLetterHandler<TestMessage> {
  private final ConcurrentLinkedQueue<DeadLetter<TestMessage>> letters =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final int failingCalls;

  private RecordingDeadLetters(int failingCalls) {
    this.failingCalls = failingCalls;
  }

  /** Accepts every letter. */
  static RecordingDeadLetters accepting() {
    return new RecordingDeadLetters(0);
  }

  /** Throws on the first {@code count} calls, then accepts. */
  static RecordingDeadLetters failingFirst(int count) {
    return new RecordingDeadLetters(count);
  }

  @Override
  public void deadLetter(DeadLetter<TestMessage> letter) {
    if (calls.incrementAndGet() <= failingCalls) {
      throw new IllegalStateException("dead-letter topic unavailable (test)");
    }
    letters.add(letter);
  }

  /** The accepted letters. */
  List<DeadLetter<TestMessage>> letters() {
    return List.copyOf(letters);
  }

  /** All calls, failed ones included. */
  int calls() {
    return calls.get();
  }
}
