package dev.abr.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.api.Test;

class KafkaWorkerConfigTest {
  private final KafkaWorkerConfig defaults =
      KafkaWorkerConfig.of("127.0.0.1:9092", "abr-transcoder", "transcoder-0", "topic");

  @Test
  void of_defaults_areSafeForLongWork() {
    assertThat(defaults.topics()).isEqualTo(List.of("topic"));
    assertThat(defaults.concurrency()).isEqualTo(1);
    assertThat(defaults.groupProtocol()).isEqualTo(GroupProtocol.CONSUMER);
    assertThat(defaults.pollTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(defaults.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.revocationGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.retry()).isEqualTo(RetryPolicy.defaults());
    assertThat(defaults.consumerOverrides()).isEmpty();
  }

  @Test
  void withConsumerOverrides_autoCommit_isRejected() {
    assertThatThrownBy(() -> defaults.withConsumerOverrides(Map.of("enable.auto.commit", "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable.auto.commit")
        .hasMessageContaining("only after the handler has returned");
  }

  @Test
  void withRevocationGrace_aThirdOfMaxPollInterval_isRejected() {
    assertThatThrownBy(() -> defaults.withRevocationGrace(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revocationGrace");
  }

  @Test
  void withClientId_urlWithCredentials_isRejected() {
    assertThatThrownBy(() -> defaults.withClientId("rtmp://user:secret@host/live"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client id");
  }
}
