package dev.abr.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.broker.EmbeddedKafka;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.KafkaWorker;
import dev.abr.core.kafka.KafkaWorkerConfig;
import dev.abr.core.kafka.TopicSpec;
import dev.abr.core.kafka.WorkerListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaWorker} while its broker restarts: it has its own broker, not the shared one. */
class KafkaWorkerBrokerRestartTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void worker_brokerRestartsWhileHandlerRuns_commitsAfterwardsAndHandlesEachOnce(@TempDir Path dir)
      throws InterruptedException {
    EmbeddedKafka broker = EmbeddedKafka.start(dir);
    KafkaWorker<TestMessage> worker = null;
    try {
      TestKafka kafka = new TestKafka(broker.bootstrapServers());
      String topic = "restart";
      String group = "restart-group";
      KafkaTopics.ensure(broker.bootstrapServers(), List.of(TopicSpec.of(topic, 1)), DEADLINE);
      try (JsonProducer producer = JsonProducer.create(broker.bootstrapServers(), "restart")) {
        producer.sendAndWait(topic, "k", new TestMessage("k", 0));
        producer.sendAndWait(topic, "k", new TestMessage("k", 1));
      }
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      RecordingHandler handler =
          new RecordingHandler(
              (message, context) -> {
                if (message.sequence() == 0) {
                  started.countDown();
                  release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
              });
      worker =
          KafkaWorker.start(
              KafkaWorkerConfig.of(broker.bootstrapServers(), group, "w1", topic),
              TestMessage.class,
              handler.forWorker("w1"),
              RecordingDeadLetters.accepting(),
              WorkerListener.NONE);
      assertThat(started.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

      broker = broker.restart();
      release.countDown();

      Awaits.until(
          "both records are committed after the restart",
          DEADLINE,
          () -> kafka.committedOffsets(group, topic).getOrDefault(0, 0L) == 2L);
      assertThat(handler.succeededSequences()).containsExactly(0, 1);
      assertThat(worker.isHealthy()).isTrue();
    } finally {
      if (worker != null) {
        worker.close();
      }
      broker.close();
    }
  }
}
