package dev.abr.core.kafka;

/**
 * What {@link KafkaTopics#ensure} found for one wanted topic.
 *
 * @param name topic name
 * @param wantedPartitions the partitions asked for
 * @param actualPartitions the partitions the topic has now
 * @param created true if this call created the topic, false if it existed already
 */
public record TopicCheck(String name, int wantedPartitions, int actualPartitions, boolean created) {

  /**
   * Returns true if an existing topic has fewer partitions than wanted. It is not grown
   * automatically: more partitions change which partition a key maps to, which would break per-key
   * order (one packager owner per stream) for keys already in flight.
   */
  public boolean isUnderPartitioned() {
    return actualPartitions < wantedPartitions;
  }
}
