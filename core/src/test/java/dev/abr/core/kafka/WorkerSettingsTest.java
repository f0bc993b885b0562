package dev.abr.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
  private final WorkerSettings settings =
      new WorkerSettings("127.0.0.1:9092", "transcoder-0", Duration.ofSeconds(60));

  @Test
  void of_defaults_useTheWorkerDefaultShutdownGrace() {
    assertThat(WorkerSettings.of("127.0.0.1:9092", "ingest-1").shutdownGrace())
        .isEqualTo(KafkaWorkerConfig.DEFAULT_SHUTDOWN_GRACE);
  }

  @Test
  void workerConfig_anyGroup_carriesClientIdAndShutdownGrace() {
    KafkaWorkerConfig config = settings.workerConfig("abr-transcoder", "abr.t.v1");

    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.groupId()).isEqualTo("abr-transcoder");
    assertThat(config.clientId()).isEqualTo("transcoder-0");
    assertThat(config.topics()).isEqualTo(List.of("abr.t.v1"));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void producerClientId_anyClientId_addsProducerSuffix() {
    assertThat(settings.producerClientId()).isEqualTo("transcoder-0-producer");
  }

  @Test
  void constructor_negativeGrace_isRejected() {
    assertThatThrownBy(() -> settings.withShutdownGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shutdownGrace");
  }

  @Test
  void constructor_clientIdWithCredentials_isRejected() {
    assertThatThrownBy(
            () -> new WorkerSettings("127.0.0.1:9092", "user:secret@host", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client id");
  }
}
