package dev.abr.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.metrics.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class MicrometerWorkerListenerTest {
  private static final TopicPartition PARTITION =
      new TopicPartition("abr.transcode.requested.v1", 0);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerWorkerListener listener =
      new MicrometerWorkerListener(registry, "transcoder");

  @Test
  void handlerStarted_notFinished_countsInFlight() {
    listener.handlerStarted(PARTITION, 0, 1);
    listener.handlerStarted(PARTITION, 1, 1);
    listener.handlerFinished(PARTITION, 0, Duration.ofSeconds(1));

    assertThat(
            registry
                .get(MicrometerWorkerListener.IN_FLIGHT)
                .tag("stage", "transcoder")
                .gauge()
                .value())
        .isEqualTo(1.0);
  }

  @Test
  void handlerFailed_retriable_countsFailureByCodeAndRetryOutcome() {
    listener.handlerStarted(PARTITION, 0, 1);
    listener.handlerFailed(
        PARTITION, 0, ErrorCode.STORAGE_UNAVAILABLE, /* willRetry= */ true, Duration.ofMillis(5));

    assertThat(
            registry
                .get(MetricNames.FAILURES)
                .tags("stage", "transcoder", "code", "STORAGE_UNAVAILABLE")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get(MicrometerWorkerListener.RECORDS)
                .tags("stage", "transcoder", "outcome", "retry")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void deadLettered_countsByCode() {
    listener.deadLettered(PARTITION, 3, ErrorCode.INPUT_INVALID_DOCUMENT);

    assertThat(
            registry
                .get(MicrometerWorkerListener.DEAD_LETTERS)
                .tags("stage", "transcoder", "code", "INPUT_INVALID_DOCUMENT")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
