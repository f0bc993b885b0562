package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics. */
public final class KafkaTopics {
  private static final long RETRY_PAUSE_NANOS = 50_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;
  private static final String THIRTY_DAYS_MILLIS = String.valueOf(30L * 24 * 60 * 60 * 1000);

  private KafkaTopics() {}

  /**
   * The topics of {@link Topics} with their default partition counts:
   *
   * <ul>
   *   <li>{@link Topics#TRANSCODE_REQUESTED}: 12, the most transcoder replicas that can share the
   *       work (12 divides evenly among 1, 2, 3, 4, 6 and 12 replicas);
   *   <li>{@link Topics#PACKAGE_REQUESTED}: 4, keyed by stream, so one packager owns a stream;
   *   <li>{@link Topics#JOB_SUBMITTED} and {@link Topics#JOB_EVENTS}: 3, keyed by job, low volume;
   *   <li>{@link Topics#TRANSCODE_DEAD_LETTER}: 1, kept 30 days for an operator to look at.
   * </ul>
   */
  public static List<TopicSpec> defaults() {
    return List.of(
        TopicSpec.of(Topics.JOB_SUBMITTED, 3),
        TopicSpec.of(Topics.TRANSCODE_REQUESTED, 12),
        TopicSpec.of(Topics.PACKAGE_REQUESTED, 4),
        TopicSpec.of(Topics.JOB_EVENTS, 3),
        new TopicSpec(Topics.TRANSCODE_DEAD_LETTER, 1, Map.of("retention.ms", THIRTY_DAYS_MILLIS)));
  }

  /**
   * Creates each topic of {@code specs} that does not exist yet; idempotent. Existing topics are
   * left as they are (neither their partitions nor their settings change): one with fewer
   * partitions than wanted is reported in the result ({@link TopicCheck#isUnderPartitioned()}) and
   * logged as a warning, so the caller decides whether to run with it.
   *
   * @param bootstrapServers {@code host:port[,host:port…]}
   * @param timeout how long to wait for the broker in all
   * @return one check per spec, in the order of {@code specs}
   * @throws PipelineException {@link ErrorCode#KAFKA_UNAVAILABLE} if the broker cannot be reached
   *     in time, {@link ErrorCode#INTERNAL_ERROR} if the broker rejects a spec (for example a
   *     replication factor larger than the cluster)
   */
  public static List<TopicCheck> ensure(
      String bootstrapServers, List<TopicSpec> specs, Duration timeout) {
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "abr-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                timeoutMillis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(timeoutMillis, 30_000),
                // A partition just created gets its leader within tens of milliseconds; the
                // default backoff (100 ms, doubling) waited 0.3-0.4 s for it.
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG,
                10,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG,
                100))) {
      List<NewTopic> newTopics = new ArrayList<>();
      for (TopicSpec spec : specs) {
        newTopics.add(
            new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                .configs(spec.configs()));
      }
      CreateTopicsResult result = admin.createTopics(newTopics);
      List<TopicCheck> checks = new ArrayList<>();
      for (TopicSpec spec : specs) {
        checks.add(check(admin, spec, result, deadlineNanos));
      }
      awaitLeaders(admin, checks, deadlineNanos);
      return List.copyOf(checks);
    }
  }

  /**
   * Returns which topics of {@code names} do not exist, creating none: for a role started where
   * topics are managed elsewhere (in Kubernetes by Strimzi), so that a wrong address or a missing
   * topic fails at start with one clear line instead of a member that waits for ever.
   *
   * @param bootstrapServers {@code host:port[,host:port…]}
   * @param timeout how long to wait for the broker in all
   * @return the missing topics, in the order of {@code names}; empty when all exist
   * @throws PipelineException {@link ErrorCode#KAFKA_UNAVAILABLE} if the broker cannot be reached
   *     in time
   */
  public static List<String> missing(
      String bootstrapServers, List<String> names, Duration timeout) {
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "abr-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                timeoutMillis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(timeoutMillis, 30_000)))) {
      Set<String> existing = admin.listTopics().names().get(remaining(deadlineNanos), NANOS);
      return names.stream().filter(name -> !existing.contains(name)).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE,
          "Kafka did not answer within " + timeout.toSeconds() + " s: is it reachable?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, "interrupted while listing Kafka's topics", e);
    }
  }

  /**
   * Waits until every partition of the topics just created is served by its leader. Right after
   * creation the metadata can already name a leader that does not serve the partition yet; an
   * idempotent producer writing then gets {@code NOT_LEADER_OR_FOLLOWER} for its first batch while
   * a later batch is appended, and the retried first batch fails with {@code
   * OUT_OF_ORDER_SEQUENCE_NUMBER} until it expires: records lost and out of order (seen with Kafka
   * 4.4.0). A {@code ListOffsets} request goes to the leader and is retried by the admin client
   * until the leader answers, which closes that window.
   */
  private static void awaitLeaders(Admin admin, List<TopicCheck> checks, long deadlineNanos) {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (TopicCheck check : checks) {
      if (check.created()) {
        for (int p = 0; p < check.actualPartitions(); p++) {
          partitions.put(new TopicPartition(check.name(), p), OffsetSpec.latest());
        }
      }
    }
    if (partitions.isEmpty()) {
      return;
    }
    try {
      while (true) {
        try {
          admin.listOffsets(partitions).all().get(remaining(deadlineNanos), NANOS);
          return;
        } catch (ExecutionException e) {
          // Right after creation the topic may not be in this broker's metadata cache yet.
          boolean retriable =
              e.getCause() instanceof org.apache.kafka.common.errors.RetriableException;
          if (!retriable || remaining(deadlineNanos) <= RETRY_PAUSE_NANOS) {
            throw e;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(RETRY_PAUSE_NANOS);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE,
          "topics were created but their partitions have no serving leader yet: "
              + partitions.keySet(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, "interrupted while waiting for partition leaders", e);
    }
  }

  private static TopicCheck check(
      Admin admin, TopicSpec spec, CreateTopicsResult result, long deadlineNanos) {
    try {
      try {
        int partitions = result.numPartitions(spec.name()).get(remaining(deadlineNanos), NANOS);
        LOG.info("created topic {} with {} partitions", spec.name(), partitions);
        return new TopicCheck(spec.name(), spec.partitions(), partitions, true);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      TopicDescription description =
          admin
              .describeTopics(List.of(spec.name()))
              .topicNameValues()
              .get(spec.name())
              .get(remaining(deadlineNanos), NANOS);
      TopicCheck check =
          new TopicCheck(spec.name(), spec.partitions(), description.partitions().size(), false);
      if (check.isUnderPartitioned()) {
        LOG.warn(
            "topic {} has {} partitions but {} are wanted: fewer consumers can share the work;"
                + " add partitions with kafka-topics.sh --alter only when no keyed work is in"
                + " flight",
            spec.name(),
            check.actualPartitions(),
            spec.partitions());
      }
      return check;
    } catch (ExecutionException e) {
      throw failure(spec, e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE,
          "creating topic " + spec.name() + " timed out: is Kafka reachable?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, "interrupted while creating topic " + spec.name(), e);
    }
  }

  private static PipelineException failure(TopicSpec spec, Throwable cause) {
    boolean rejected =
        cause instanceof InvalidConfigurationException
            || cause instanceof InvalidPartitionsException
            || cause instanceof InvalidReplicationFactorException
            || cause instanceof PolicyViolationException;
    String detail = cause instanceof ApiException ? cause.getMessage() : cause.toString();
    return new PipelineException(
        rejected ? ErrorCode.INTERNAL_ERROR : ErrorCode.KAFKA_UNAVAILABLE,
        "creating topic " + spec.name() + " failed: " + detail,
        cause);
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }
}
