package dev.abr.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicSpec;
import dev.abr.core.kafka.TopicTail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker in a process of its own, stopped and killed under a producer, then started again. */
class BrokerProcessTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void restart_afterStopAndAfterKill_sameAddressKeepsTheRecords(@TempDir Path dir) {
    try (BrokerProcess broker =
        BrokerProcess.start(
            dir.resolve("data"),
            dir.resolve("broker.log"),
            Map.of("group.consumer.min.session.timeout.ms", "2000"),
            TIMEOUT)) {
      String address = broker.bootstrapServers();
      KafkaTopics.ensure(address, List.of(TopicSpec.of("t", 1)), TIMEOUT);
      try (JsonProducer producer = JsonProducer.create(address, "broker-process-test")) {
        producer.sendAndWait("t", "k", new TestMessage("k", 0));
        broker.stop(TIMEOUT);
        assertThat(broker.isAlive()).isFalse();
        broker.start(TIMEOUT);
        producer.sendAndWait("t", "k", new TestMessage("k", 1));
        broker.kill(TIMEOUT);
        broker.start(TIMEOUT);
        producer.sendAndWait("t", "k", new TestMessage("k", 2));
      }

      assertThat(broker.bootstrapServers()).isEqualTo(address);
      try (TopicTail<TestMessage> tail =
          TopicTail.fromBeginning(address, "t", TestMessage.class, TIMEOUT)) {
        assertThat(tail.readToEnd(TIMEOUT))
            .extracting(TestMessage::sequence)
            .containsExactly(0, 1, 2);
      }
    }
  }
}
