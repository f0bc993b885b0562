package dev.abr.core.kafka;

import dev.abr.core.id.Ids;
import java.time.Duration;

/**
 * How one member of a role's consumer group reaches Kafka and how long it drains: what differs
 * between replicas of a role and between the all-in-one run and a role process. The role itself
 * chooses its group, topics and concurrency ({@link #workerConfig}).
 *
 * @param bootstrapServers {@code host:port[,host:port…]}, not blank
 * @param clientId names this member in broker logs and metrics (for example the pod name); a valid
 *     id ({@link Ids}), so it cannot carry a URL or a secret. Producers of the role use it with the
 *     suffix {@code -producer}.
 * @param shutdownGrace how long {@link KafkaWorker#close()} lets running handlers finish; at least
 *     zero
 */
public record WorkerSettings(String bootstrapServers, String clientId, Duration shutdownGrace) {
  public WorkerSettings {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    Ids.check("Kafka client id", clientId);
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
    }
  }

  /** Settings with {@link KafkaWorkerConfig}'s default shutdown grace (30 s). */
  public static WorkerSettings of(String bootstrapServers, String clientId) {
    return new WorkerSettings(bootstrapServers, clientId, KafkaWorkerConfig.DEFAULT_SHUTDOWN_GRACE);
  }

  /** These settings with another shutdown grace. */
  public WorkerSettings withShutdownGrace(Duration value) {
    return new WorkerSettings(bootstrapServers, clientId, value);
  }

  /** The client id of the role's producer: {@code <clientId>-producer}. */
  public String producerClientId() {
    return clientId + "-producer";
  }

  /**
   * A worker configuration for {@code groupId} on {@code topic}: {@link KafkaWorkerConfig#of}'s
   * defaults with this member's client id and shutdown grace.
   */
  public KafkaWorkerConfig workerConfig(String groupId, String topic) {
    return KafkaWorkerConfig.of(bootstrapServers, groupId, clientId, topic)
        .withShutdownGrace(shutdownGrace);
  }
}
