package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A record a {@link KafkaWorker} gave up on, and why.
 *
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param key the record's key as UTF-8 text, empty if it had none
 * @param rawValue the record's value bytes as read (empty for a null value); a read-only view
 * @param value the deserialized message, empty when the bytes did not deserialize
 * @param code why: the handler's code, {@link ErrorCode#INPUT_INVALID_DOCUMENT} for bytes that do
 *     not deserialize, {@link ErrorCode#INTERNAL_ERROR} for an unexpected exception
 * @param message what failed, for an operator
 * @param attempts how many times the handler ran (0 when the bytes did not deserialize)
 * @param <T> the message type
 */
public record DeadLetter<T>(
    String topic,
    int partition,
    long offset,
    Optional<String> key,
    ByteBuffer rawValue,
    Optional<T> value,
    ErrorCode code,
    String message,
    int attempts) {
  public DeadLetter {
    rawValue = rawValue.asReadOnlyBuffer();
  }
}
