package dev.abr.testkit.kafka;

import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The shared test broker, as a test sees it: its address and helpers for names that no other test
 * uses. Thread-safe.
 */
public final class TestKafka {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;

  TestKafka(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The broker's address, {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A topic name no other test in this JVM gets, for example {@code test.order-7}. */
  public String uniqueTopic(String prefix) {
    return "test." + prefix + "-" + COUNTER.incrementAndGet();
  }

  /** A consumer group id no other test in this JVM gets. */
  public String uniqueGroup(String prefix) {
    return "test-group." + prefix + "-" + COUNTER.incrementAndGet();
  }

  /**
   * Creates a topic with a unique name.
   *
   * @return its name
   */
  public String createTopic(String prefix, int partitions) {
    String topic = uniqueTopic(prefix);
    KafkaTopics.ensure(bootstrapServers, List.of(TopicSpec.of(topic, partitions)), TIMEOUT);
    return topic;
  }

  /**
   * The offsets {@code group} has committed, by partition number of {@code topic}; partitions
   * without a commit are left out.
   */
  public Map<Integer, Long> committedOffsets(String group, String topic) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<Integer, Long> result = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
              result.put(partition.partition(), offset.offset());
            }
          });
      return Map.copyOf(result);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the offsets of group " + group, e);
    }
  }

  @Override
  public String toString() {
    return "TestKafka[" + bootstrapServers + "]";
  }
}
