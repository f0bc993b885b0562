package dev.abr.testkit.kafka;

import dev.abr.core.kafka.WorkerListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** Records which partitions a worker committed offsets for. */
final class RecordingCommits implements WorkerListener {
  private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

  @Override
  public void committed(Map<TopicPartition, Long> nextOffsets) {
    nextOffsets.keySet().forEach(partition -> partitions.add(partition.partition()));
  }

  /** The partition numbers committed at least once. */
  Set<Integer> partitions() {
    return Set.copyOf(partitions);
  }
}
