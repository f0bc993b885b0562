package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes a {@link KafkaWorker}'s activity to Micrometer. Tags are the stage and, where it
 * applies, the outcome or error code: never topics' keys, offsets or partitions.
 *
 * <ul>
 *   <li>{@value #RECORDS} (timer, tags {@code stage}, {@code outcome} = {@code success}, {@code
 *       retry} or {@code failure}): handler runs and their duration;
 *   <li>{@value MetricNames#FAILURES} (counter, tags {@code stage}, {@code code}): failed handler
 *       runs;
 *   <li>{@value #DEAD_LETTERS} (counter, tags {@code stage}, {@code code}): records given up on;
 *   <li>{@value #IN_FLIGHT} (gauge, tag {@code stage}): handlers running now;
 *   <li>{@value #REBALANCES} (counter, tags {@code stage}, {@code outcome} = {@code assigned},
 *       {@code revoked} or {@code lost}).
 * </ul>
 */
public final class MicrometerWorkerListener implements WorkerListener {
  /** Timer: handler runs of a worker. */
  public static final String RECORDS = "abr.worker.records";

  /** Counter: records handed to the dead-letter handler. */
  public static final String DEAD_LETTERS = "abr.worker.dead.letters";

  /** Gauge: handlers running now. */
  public static final String IN_FLIGHT = "abr.worker.in.flight";

  /** Counter: partition assignment changes seen by a worker. */
  public static final String REBALANCES = "abr.worker.rebalances";

  private final MeterRegistry registry;
  private final String stage;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param stage the {@code stage} tag, for example {@code transcoder}
   */
  public MicrometerWorkerListener(MeterRegistry registry, String stage) {
    this.registry = registry;
    this.stage = stage;
    registry.gauge(IN_FLIGHT, Tags.of(MetricNames.TAG_STAGE, stage), inFlight);
  }

  @Override
  public void handlerStarted(TopicPartition partition, long offset, int attempt) {
    inFlight.incrementAndGet();
  }

  @Override
  public void handlerFinished(TopicPartition partition, long offset, Duration elapsed) {
    inFlight.decrementAndGet();
    timer("success").record(elapsed);
  }

  @Override
  public void handlerFailed(
      TopicPartition partition, long offset, ErrorCode code, boolean willRetry, Duration elapsed) {
    inFlight.decrementAndGet();
    timer(willRetry ? "retry" : "failure").record(elapsed);
    Counter.builder(MetricNames.FAILURES)
        .tag(MetricNames.TAG_STAGE, stage)
        .tag(MetricNames.TAG_CODE, code.name())
        .register(registry)
        .increment();
  }

  @Override
  public void deadLettered(TopicPartition partition, long offset, ErrorCode code) {
    Counter.builder(DEAD_LETTERS)
        .tag(MetricNames.TAG_STAGE, stage)
        .tag(MetricNames.TAG_CODE, code.name())
        .register(registry)
        .increment();
  }

  @Override
  public void partitionsAssigned(Collection<TopicPartition> partitions) {
    rebalance("assigned");
  }

  @Override
  public void partitionsRevoked(Collection<TopicPartition> partitions) {
    rebalance("revoked");
  }

  @Override
  public void partitionsLost(Collection<TopicPartition> partitions) {
    rebalance("lost");
  }

  private Timer timer(String outcome) {
    return Timer.builder(RECORDS)
        .tag(MetricNames.TAG_STAGE, stage)
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .register(registry);
  }

  private void rebalance(String outcome) {
    Counter.builder(REBALANCES)
        .tag(MetricNames.TAG_STAGE, stage)
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }
}
