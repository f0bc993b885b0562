package dev.abr.testkit.kafka;

import dev.abr.core.kafka.WorkerListener;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;

/** Records a worker's partition changes. */
final class RecordingWorkerListener implements WorkerListener {
  /** One partition change, for example {@code revoked [t-0]}. */
  record Change(String kind, List<TopicPartition> partitions) {}

  private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();

  @Override
  public void partitionsAssigned(Collection<TopicPartition> partitions) {
    changes.add(new Change("assigned", List.copyOf(partitions)));
  }

  @Override
  public void partitionsRevoked(Collection<TopicPartition> partitions) {
    changes.add(new Change("revoked", List.copyOf(partitions)));
  }

  @Override
  public void partitionsLost(Collection<TopicPartition> partitions) {
    changes.add(new Change("lost", List.copyOf(partitions)));
  }

  /** Every change so far, in order. */
  List<Change> changes() {
    return List.copyOf(changes);
  }

  /** The changes that moved at least one partition. */
  List<Change> effectiveChanges() {
    return changes.stream().filter(c -> !c.partitions().isEmpty()).toList();
  }
}
