package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Combines {@link WorkerListener}s. */
public final class WorkerListeners {
  private WorkerListeners() {}

  /** A listener that calls each of {@code listeners} in order. */
  public static WorkerListener all(WorkerListener... listeners) {
    List<WorkerListener> list = List.of(listeners);
    return new WorkerListener() {
      @Override
      public void handlerStarted(TopicPartition partition, long offset, int attempt) {
        list.forEach(l -> l.handlerStarted(partition, offset, attempt));
      }

      @Override
      public void handlerFinished(TopicPartition partition, long offset, Duration elapsed) {
        list.forEach(l -> l.handlerFinished(partition, offset, elapsed));
      }

      @Override
      public void handlerFailed(
          TopicPartition partition,
          long offset,
          ErrorCode code,
          boolean willRetry,
          Duration elapsed) {
        list.forEach(l -> l.handlerFailed(partition, offset, code, willRetry, elapsed));
      }

      @Override
      public void deadLettered(TopicPartition partition, long offset, ErrorCode code) {
        list.forEach(l -> l.deadLettered(partition, offset, code));
      }

      @Override
      public void committed(Map<TopicPartition, Long> nextOffsets) {
        list.forEach(l -> l.committed(nextOffsets));
      }

      @Override
      public void partitionsAssigned(Collection<TopicPartition> partitions) {
        list.forEach(l -> l.partitionsAssigned(partitions));
      }

      @Override
      public void partitionsRevoked(Collection<TopicPartition> partitions) {
        list.forEach(l -> l.partitionsRevoked(partitions));
      }

      @Override
      public void partitionsLost(Collection<TopicPartition> partitions) {
        list.forEach(l -> l.partitionsLost(partitions));
      }
    };
  }
}
