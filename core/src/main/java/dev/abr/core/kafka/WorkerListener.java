package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Observes a {@link KafkaWorker}: for metrics, logs and tests. Every method has an empty default.
 *
 * <p>Contract: methods must be fast and must not throw (an exception is logged and ignored). The
 * handler callbacks run on handler threads, concurrently for different partitions; the partition
 * and commit callbacks run on the poll thread. For one record the order is {@code handlerStarted},
 * then {@code handlerFinished} or {@code handlerFailed}, then, when the worker gives up, {@code
 * deadLettered}. A record whose bytes do not deserialize gets only {@code deadLettered}.
 */
public interface WorkerListener {
  /** A listener that does nothing. */
  WorkerListener NONE = new WorkerListener() {};

  /** The handler starts attempt {@code attempt} (from 1) on a record. */
  default void handlerStarted(TopicPartition partition, long offset, int attempt) {}

  /** The handler returned normally after {@code elapsed}. */
  default void handlerFinished(TopicPartition partition, long offset, Duration elapsed) {}

  /**
   * The handler threw after {@code elapsed}.
   *
   * @param willRetry true if the record will be tried again after a back-off
   */
  default void handlerFailed(
      TopicPartition partition, long offset, ErrorCode code, boolean willRetry, Duration elapsed) {}

  /** The record was handed to the {@link DeadLetterHandler} and it returned. */
  default void deadLettered(TopicPartition partition, long offset, ErrorCode code) {}

  /**
   * Offsets were committed.
   *
   * @param nextOffsets per partition, the offset of the next record to process
   */
  default void committed(Map<TopicPartition, Long> nextOffsets) {}

  /** Partitions were assigned to this worker (possibly none, after joining the group). */
  default void partitionsAssigned(Collection<TopicPartition> partitions) {}

  /** Partitions were taken away in a rebalance; finished work on them was committed. */
  default void partitionsRevoked(Collection<TopicPartition> partitions) {}

  /** Partitions were lost (this member was dropped from the group); nothing was committed. */
  default void partitionsLost(Collection<TopicPartition> partitions) {}
}
