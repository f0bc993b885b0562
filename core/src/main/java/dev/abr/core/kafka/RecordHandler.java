package dev.abr.core.kafka;

/**
 * Does the work for one record of a {@link KafkaWorker}.
 *
 * <p>Contract: runs on one of the worker's handler threads, never on the poll thread, and may take
 * as long as the work needs (minutes are fine). Records of one partition reach it one at a time and
 * in offset order; records of different partitions run in parallel, so the handler must be
 * thread-safe. When it returns, its outputs must be durable: the worker commits the record's offset
 * next. Delivery is at-least-once (a record can come again after a crash or a rebalance), so the
 * handler must be idempotent.
 *
 * <p>Failures: throw a {@link dev.abr.core.error.PipelineException}. A retriable code ({@code
 * RESOURCES} or {@code EXTERNAL} kind) is tried again after a back-off, up to the {@link
 * RetryPolicy}; any other code, or any other exception (counted as {@code INTERNAL_ERROR}), sends
 * the record to the {@link DeadLetterHandler} at once. An {@link Error} is not handled: it stops
 * the worker.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface RecordHandler<T> {
  /**
   * Handles one record.
   *
   * @param value the deserialized message
   * @param context where the record came from and whether this worker still owns its partition
   */
  void handle(T value, RecordContext context) throws Exception;
}
