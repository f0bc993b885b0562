package dev.abr.core.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/** Kafka (de)serializers for our JSON messages. */
public final class KafkaJson {
  private KafkaJson() {}

  /** Serializes any message record with {@link Json}. */
  public static <T> Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : Json.write(value);
  }

  /**
   * Deserializes {@code type}; a record that does not map throws {@link SerializationException}
   * naming the topic.
   */
  public static <T> Deserializer<T> deserializer(Class<T> type) {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return Json.mapper().readValue(data, type);
      } catch (JacksonException | IllegalArgumentException e) {
        throw new SerializationException(
            "record on "
                + topic
                + " is not a valid "
                + type.getSimpleName()
                + ": "
                + e.getMessage(),
            e);
      }
    };
  }
}
