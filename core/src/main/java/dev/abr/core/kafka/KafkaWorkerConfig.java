package dev.abr.core.kafka;

import dev.abr.core.id.Ids;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * Settings of a {@link KafkaWorker}. Start from {@link #of} and change what differs with the {@code
 * with…} methods.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param groupId the consumer group: every replica of a role uses the same one
 * @param clientId names this member in broker logs and metrics, for example the pod name; a valid
 *     id ({@link Ids}), so it cannot carry a URL or a secret
 * @param topics the topics to consume
 * @param concurrency how many partitions are worked on at once (handler threads), at least 1
 * @param retry how retriable failures are retried
 * @param groupProtocol {@link GroupProtocol#CONSUMER} (KIP-848, the default) or {@link
 *     GroupProtocol#CLASSIC} (then with the cooperative-sticky assignor); every member of a group
 *     should use the same
 * @param pollTimeout the longest single {@code poll()}; also the longest delay before finished work
 *     is committed and the next record of its partition starts
 * @param maxPollInterval Kafka's {@code max.poll.interval.ms}: the poll loop never comes near it,
 *     whatever the handlers do, so keep the default; it bounds how long a rebalance can wait for
 *     this member
 * @param revocationGrace when partitions are revoked, how long the poll thread waits for their
 *     running handlers so their results can still be committed (instead of being redone by the new
 *     owner); less than a third of {@code maxPollInterval}
 * @param shutdownGrace how long {@link KafkaWorker#close()} waits for running handlers
 * @param consumerOverrides other Kafka consumer settings (for example {@code group.instance.id});
 *     the ones the worker owns ({@code enable.auto.commit}, the group, protocol, deserializers,
 *     poll interval) cannot be set here
 */
public record KafkaWorkerConfig(
    String bootstrapServers,
    String groupId,
    String clientId,
    List<String> topics,
    int concurrency,
    RetryPolicy retry,
    GroupProtocol groupProtocol,
    Duration pollTimeout,
    Duration maxPollInterval,
    Duration revocationGrace,
    Duration shutdownGrace,
    Map<String, String> consumerOverrides) {

  /** The shutdown grace of {@link #of}: 30 s. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  /**
   * Settings the worker owns: auto-commit in particular is refused (it commits unfinished work).
   */
  private static final Set<String> OWNED =
      Set.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ConsumerConfig.GROUP_ID_CONFIG,
          ConsumerConfig.CLIENT_ID_CONFIG,
          ConsumerConfig.GROUP_PROTOCOL_CONFIG,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG,
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);

  public KafkaWorkerConfig {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    if (!GROUP_ID.matcher(groupId).matches()) {
      throw new IllegalArgumentException(
          "group id \"" + groupId + "\" is not allowed: use 1 to 249 of A-Z a-z 0-9 . _ -");
    }
    Ids.check("Kafka client id", clientId);
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("a worker needs at least one topic");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    if (pollTimeout.isNegative() || pollTimeout.isZero()) {
      throw new IllegalArgumentException("pollTimeout must be positive: " + pollTimeout);
    }
    if (maxPollInterval.compareTo(pollTimeout.multipliedBy(10)) < 0) {
      throw new IllegalArgumentException(
          "maxPollInterval ("
              + maxPollInterval
              + ") must be at least 10 times pollTimeout ("
              + pollTimeout
              + ")");
    }
    if (revocationGrace.isNegative()
        || revocationGrace.multipliedBy(3).compareTo(maxPollInterval) >= 0) {
      throw new IllegalArgumentException(
          "revocationGrace ("
              + revocationGrace
              + ") must be at least 0 and less than a third of maxPollInterval ("
              + maxPollInterval
              + "): the poll thread waits that long inside a rebalance");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
    }
    consumerOverrides = Map.copyOf(consumerOverrides);
    for (String key : consumerOverrides.keySet()) {
      if (OWNED.contains(key)) {
        throw new IllegalArgumentException(
            "consumer setting "
                + key
                + " is owned by KafkaWorker and cannot be overridden"
                + (key.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)
                    ? ": offsets are committed only after the handler has returned"
                    : ""));
      }
    }
  }

  /**
   * Default settings: concurrency 1, {@link RetryPolicy#defaults()}, group protocol {@code
   * consumer}, 100 ms poll timeout, Kafka's default 5 min poll interval, 10 s revocation grace, 30
   * s shutdown grace.
   */
  public static KafkaWorkerConfig of(
      String bootstrapServers, String groupId, String clientId, String topic) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        List.of(topic),
        1,
        RetryPolicy.defaults(),
        GroupProtocol.CONSUMER,
        Duration.ofMillis(100),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        DEFAULT_SHUTDOWN_GRACE,
        Map.of());
  }

  public KafkaWorkerConfig withConcurrency(int value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        value,
        retry,
        groupProtocol,
        pollTimeout,
        maxPollInterval,
        revocationGrace,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withRetry(RetryPolicy value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        value,
        groupProtocol,
        pollTimeout,
        maxPollInterval,
        revocationGrace,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withGroupProtocol(GroupProtocol value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        retry,
        value,
        pollTimeout,
        maxPollInterval,
        revocationGrace,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withClientId(String value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        value,
        topics,
        concurrency,
        retry,
        groupProtocol,
        pollTimeout,
        maxPollInterval,
        revocationGrace,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withPollTimeout(Duration value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        retry,
        groupProtocol,
        value,
        maxPollInterval,
        revocationGrace,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withMaxPollInterval(Duration value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        retry,
        groupProtocol,
        pollTimeout,
        value,
        revocationGrace,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withRevocationGrace(Duration value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        retry,
        groupProtocol,
        pollTimeout,
        maxPollInterval,
        value,
        shutdownGrace,
        consumerOverrides);
  }

  public KafkaWorkerConfig withShutdownGrace(Duration value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        retry,
        groupProtocol,
        pollTimeout,
        maxPollInterval,
        revocationGrace,
        value,
        consumerOverrides);
  }

  public KafkaWorkerConfig withConsumerOverrides(Map<String, String> value) {
    return new KafkaWorkerConfig(
        bootstrapServers,
        groupId,
        clientId,
        topics,
        concurrency,
        retry,
        groupProtocol,
        pollTimeout,
        maxPollInterval,
        revocationGrace,
        shutdownGrace,
        value);
  }
}
