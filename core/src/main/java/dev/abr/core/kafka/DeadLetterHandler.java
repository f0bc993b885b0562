package dev.abr.core.kafka;

/**
 * Takes the records a {@link KafkaWorker} gives up on, for example by publishing {@code
 * TranscodeDeadLettered} and a failed job event with {@link JsonProducer#sendAndWait}.
 *
 * <p>Contract: runs on a handler thread. When it returns, the dead letter must be durable: the
 * worker commits the record's offset next and will not see it again. If it throws, the worker keeps
 * the partition paused and calls it again for the same record after a back-off, until it succeeds
 * or the partition is revoked; the record is never skipped silently.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface DeadLetterHandler<T> {
  /** Records {@code letter} durably. */
  void deadLetter(DeadLetter<T> letter) throws Exception;
}
