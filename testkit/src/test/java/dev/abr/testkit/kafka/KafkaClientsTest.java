package dev.abr.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicCheck;
import dev.abr.core.kafka.TopicSpec;
import dev.abr.core.kafka.TopicTail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link KafkaTopics}, {@link JsonProducer} and {@link TopicTail} against a real broker. */
@ExtendWith(KafkaExtension.class)
class KafkaClientsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void ensure_newTopic_createsItWithThePartitions(TestKafka kafka) {
    String name = kafka.uniqueTopic("ensure");

    List<TopicCheck> checks =
        KafkaTopics.ensure(kafka.bootstrapServers(), List.of(TopicSpec.of(name, 3)), TIMEOUT);

    assertThat(checks).containsExactly(new TopicCheck(name, 3, 3, true));
  }

  @Test
  void ensure_topicExists_succeedsWithoutCreating(TestKafka kafka) {
    String name = kafka.createTopic("again", 2);

    List<TopicCheck> checks =
        KafkaTopics.ensure(kafka.bootstrapServers(), List.of(TopicSpec.of(name, 2)), TIMEOUT);

    assertThat(checks).containsExactly(new TopicCheck(name, 2, 2, false));
  }

  @Test
  void ensure_existingTopicHasFewerPartitions_reportsItUnderPartitioned(TestKafka kafka) {
    String name = kafka.createTopic("small", 1);

    List<TopicCheck> checks =
        KafkaTopics.ensure(kafka.bootstrapServers(), List.of(TopicSpec.of(name, 4)), TIMEOUT);

    assertThat(checks).singleElement().matches(TopicCheck::isUnderPartitioned);
  }

  @Test
  void ensure_brokerUnreachable_throwsKafkaUnavailable() {
    assertThatThrownBy(
            () ->
                KafkaTopics.ensure(
                    "127.0.0.1:1", List.of(TopicSpec.of("t", 1)), Duration.ofMillis(500)))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
  }

  @Test
  void missing_topicsExist_isEmpty(TestKafka kafka) {
    String name = kafka.createTopic("present", 1);

    assertThat(KafkaTopics.missing(kafka.bootstrapServers(), List.of(name), TIMEOUT)).isEmpty();
  }

  @Test
  void missing_oneTopicAbsent_namesIt(TestKafka kafka) {
    String present = kafka.createTopic("present", 1);
    String absent = kafka.uniqueTopic("absent");

    assertThat(KafkaTopics.missing(kafka.bootstrapServers(), List.of(present, absent), TIMEOUT))
        .containsExactly(absent);
  }

  @Test
  void missing_brokerUnreachable_throwsKafkaUnavailable() {
    assertThatThrownBy(
            () -> KafkaTopics.missing("127.0.0.1:1", List.of("t"), Duration.ofMillis(500)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("is it reachable?")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
  }

  @Test
  void sendAndWait_thenTail_readsTheMessagesInOrder(TestKafka kafka) {
    String topic = kafka.createTopic("tail", 1);
    try (JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), "tail-test")) {
      producer.sendAndWait(topic, "k", new TestMessage("k", 0));
      producer.sendAndWait(topic, "k", new TestMessage("k", 1));
    }

    try (TopicTail<TestMessage> tail =
        TopicTail.fromBeginning(kafka.bootstrapServers(), topic, TestMessage.class, TIMEOUT)) {
      assertThat(tail.readToEnd(TIMEOUT))
          .containsExactly(new TestMessage("k", 0), new TestMessage("k", 1));
      assertThat(tail.isCaughtUp()).isTrue();
    }
  }

  @Test
  void sendAllAndWait_thenTail_readsEveryMessageInOrder(TestKafka kafka) {
    String topic = kafka.createTopic("all", 3);
    List<TestMessage> messages =
        java.util.stream.IntStream.range(0, 40).mapToObj(i -> new TestMessage("k", i)).toList();
    try (JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), "all-test")) {
      producer.sendAllAndWait(topic, "k", messages);
    }

    try (TopicTail<TestMessage> tail =
        TopicTail.fromBeginning(kafka.bootstrapServers(), topic, TestMessage.class, TIMEOUT)) {
      assertThat(tail.readToEnd(TIMEOUT)).containsExactlyElementsOf(messages);
    }
  }

  @Test
  void sendAllAndWait_topicMissing_throwsKafkaUnavailable(TestKafka kafka) {
    try (JsonProducer producer =
        JsonProducer.create(
            kafka.bootstrapServers(), "all-missing-test", Map.of("max.block.ms", "500"))) {
      assertThatThrownBy(
              () ->
                  producer.sendAllAndWait(
                      kafka.uniqueTopic("missing"), "k", List.of(new TestMessage("k", 0))))
          .isInstanceOf(PipelineException.class)
          .extracting(e -> ((PipelineException) e).code())
          .isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
    }
  }

  @Test
  void sendAndWait_topicMissing_throwsKafkaUnavailable(TestKafka kafka) {
    try (JsonProducer producer =
        JsonProducer.create(
            kafka.bootstrapServers(), "missing-test", Map.of("max.block.ms", "500"))) {
      assertThatThrownBy(
              () ->
                  producer.sendAndWait(kafka.uniqueTopic("missing"), "k", new TestMessage("k", 0)))
          .isInstanceOf(PipelineException.class)
          .extracting(e -> ((PipelineException) e).code())
          .isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
    }
  }

  @Test
  void create_overridesAcks_isRejected(TestKafka kafka) {
    assertThatThrownBy(
            () -> JsonProducer.create(kafka.bootstrapServers(), "acks", Map.of("acks", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acks");
  }

  @Test
  void fromBeginning_topicMissing_throwsKafkaUnavailable(TestKafka kafka) {
    assertThatThrownBy(
            () ->
                TopicTail.fromBeginning(
                    kafka.bootstrapServers(),
                    kafka.uniqueTopic("nothing"),
                    TestMessage.class,
                    Duration.ofSeconds(5)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("does not exist");
  }
}
