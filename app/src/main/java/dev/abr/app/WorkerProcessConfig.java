package dev.abr.app;

import dev.abr.core.kafka.WorkerSettings;
import java.time.Duration;

/**
 * What every worker role process (ingest, transcoder, packager) is configured with besides its
 * role's own settings.
 *
 * @param worker how this member reaches Kafka, and its drain grace on SIGTERM
 * @param createTopics true to create missing topics with {@code KafkaTopics.defaults()} at start;
 *     false to require that they exist (in Kubernetes, Strimzi creates them)
 * @param startupTimeout how long the start-up check waits for Kafka before the process exits with
 *     code 3; positive
 * @param ops where the ops server listens
 */
record WorkerProcessConfig(
    WorkerSettings worker, boolean createTopics, Duration startupTimeout, OpsAddress ops) {
  WorkerProcessConfig {
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
    }
  }
}
