package dev.abr.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.message.Topics;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {
  @Test
  void defaults_everyTopic_hasItsPartitionCount() {
    Map<String, Integer> partitions =
        KafkaTopics.defaults().stream()
            .collect(Collectors.toMap(TopicSpec::name, TopicSpec::partitions));

    assertThat(partitions)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Topics.JOB_SUBMITTED, 3,
                Topics.TRANSCODE_REQUESTED, 12,
                Topics.PACKAGE_REQUESTED, 4,
                Topics.JOB_EVENTS, 3,
                Topics.TRANSCODE_DEAD_LETTER, 1));
  }

  @Test
  void topicSpec_nameWithSlash_isRejected() {
    assertThatThrownBy(() -> TopicSpec.of("abr/jobs", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("abr/jobs");
  }
}
