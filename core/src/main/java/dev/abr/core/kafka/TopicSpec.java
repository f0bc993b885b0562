package dev.abr.core.kafka;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A topic as the pipeline wants it. The replication factor is left to the broker's {@code
 * default.replication.factor} (1 on the embedded broker, typically 3 on a real cluster).
 *
 * @param name topic name, {@code abr.<entity>.<event>.v<major>}
 * @param partitions how many partitions, at least 1
 * @param configs topic-level settings such as {@code retention.ms}; copied
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
  private static final Pattern LEGAL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  public TopicSpec {
    if (!LEGAL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "topic name \"" + name + "\" is not allowed: use 1 to 249 of A-Z a-z 0-9 . _ -");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + " needs at least 1 partition: " + partitions);
    }
    configs = Map.copyOf(configs);
  }

  /** A topic with {@code partitions} partitions and the broker's default settings. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of());
  }

  /** This topic with another partition count. */
  public TopicSpec withPartitions(int value) {
    return new TopicSpec(name, value, configs);
  }
}
