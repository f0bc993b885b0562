package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from its beginning or from its end, for example the job events of one job for
 * {@code abr submit --wait}: no consumer group, nothing committed, so any number of tails can read
 * at once without disturbing the roles.
 *
 * <p>Records come partition by partition as fetched: the order is kept within a partition (so per
 * key), not across partitions. Records that do not deserialize are skipped with a warning.
 * Partitions added to the topic after opening are not read.
 *
 * <p>Not thread-safe: use one tail from one thread.
 *
 * @param <T> the message type
 */
public final class TopicTail<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Class<T> type;
  private final Map<TopicPartition, Long> endOffsetsAtOpen;

  private TopicTail(
      Consumer<byte[], byte[]> consumer, Class<T> type, Map<TopicPartition, Long> endOffsets) {
    this.consumer = consumer;
    this.type = type;
    this.endOffsetsAtOpen = endOffsets;
  }

  /**
   * Opens a tail positioned at the start of every partition of {@code topic}.
   *
   * @param timeout how long to wait for the broker
   * @throws PipelineException {@link ErrorCode#KAFKA_UNAVAILABLE} if the broker cannot be reached
   *     in time or the topic does not exist (yet)
   */
  public static <T> TopicTail<T> fromBeginning(
      String bootstrapServers, String topic, Class<T> type, Duration timeout) {
    return open(bootstrapServers, topic, type, timeout, /* fromEnd= */ false);
  }

  /**
   * Opens a tail positioned at the current end of every partition of {@code topic}: it reads only
   * records written after this returns, for example the events of a job submitted next. The
   * positions are fixed before this returns (not resolved lazily at the first poll), so nothing
   * written afterwards is missed.
   *
   * @param timeout how long to wait for the broker
   * @throws PipelineException {@link ErrorCode#KAFKA_UNAVAILABLE} if the broker cannot be reached
   *     in time or the topic does not exist (yet)
   */
  public static <T> TopicTail<T> fromEnd(
      String bootstrapServers, String topic, Class<T> type, Duration timeout) {
    return open(bootstrapServers, topic, type, timeout, /* fromEnd= */ true);
  }

  private static <T> TopicTail<T> open(
      String bootstrapServers, String topic, Class<T> type, Duration timeout, boolean fromEnd) {
    Consumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "abr-tail",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos.isEmpty()) {
        throw new PipelineException(
            ErrorCode.KAFKA_UNAVAILABLE,
            "topic " + topic + " does not exist: start a role (or create the topics) first");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> endOffsets = Map.copyOf(consumer.endOffsets(partitions, timeout));
      if (fromEnd) {
        endOffsets.forEach(consumer::seek);
      } else {
        consumer.seekToBeginning(partitions);
      }
      return new TopicTail<>(consumer, type, endOffsets);
    } catch (KafkaException e) {
      consumer.close();
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, "cannot read topic " + topic + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * Returns the next records, waiting up to {@code timeout} for some; empty when none came.
   *
   * @throws PipelineException {@link ErrorCode#KAFKA_UNAVAILABLE} if the consumer fails
   */
  public List<T> poll(Duration timeout) {
    List<T> values = new ArrayList<>();
    try {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
        if (record.value() == null) {
          continue;
        }
        String what = "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
          values.add(Json.read(record.value(), type, what));
        } catch (PipelineException e) {
          LOG.warn("skipping {}", e.getMessage());
        }
      }
    } catch (KafkaException e) {
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, "reading " + endOffsetsAtOpen.keySet() + " failed", e);
    }
    return values;
  }

  /** Returns true once every record that was in the topic when the tail opened has been read. */
  public boolean isCaughtUp() {
    for (Map.Entry<TopicPartition, Long> end : endOffsetsAtOpen.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads every record that was in the topic when the tail opened (and possibly a few newer ones).
   *
   * @throws PipelineException {@link ErrorCode#KAFKA_UNAVAILABLE} if that takes longer than {@code
   *     timeout}
   */
  public List<T> readToEnd(Duration timeout) {
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    List<T> values = new ArrayList<>();
    while (!isCaughtUp()) {
      long remainingNanos = deadlineNanos - System.nanoTime();
      if (remainingNanos <= 0) {
        throw new PipelineException(
            ErrorCode.KAFKA_UNAVAILABLE,
            "reading " + endOffsetsAtOpen.keySet() + " to the end took longer than " + timeout);
      }
      values.addAll(poll(Duration.ofNanos(Math.min(remainingNanos, 200_000_000L))));
    }
    return values;
  }

  /**
   * Closes at once: a tail has no group to leave and nothing to commit, so it does not wait for its
   * fetch in flight.
   */
  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ZERO));
  }
}
