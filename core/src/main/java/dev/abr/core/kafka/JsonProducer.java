package dev.abr.core.kafka;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.id.Ids;
import dev.abr.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes message records as JSON ({@link Json}) with a UTF-8 string key.
 *
 * <p>Durable by default: {@code acks=all} and idempotence on (no duplicates from the producer's own
 * retries within one session; a restarted producer may still duplicate, so consumers stay
 * idempotent). Records wait up to 5 ms to be batched ({@code linger.ms}). A send that cannot be
 * delivered within 30 s ({@code delivery.timeout.ms}) fails; a send waits at most 10 s for topic
 * metadata ({@code max.block.ms}).
 *
 * <p>Thread-safe: one instance per process is enough and is what Kafka recommends.
 */
public final class JsonProducer implements AutoCloseable {
  private static final Set<String> FIXED =
      Set.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ProducerConfig.CLIENT_ID_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.ACKS_CONFIG,
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);

  private final Producer<byte[], byte[]> producer;
  private final String clientId;

  private JsonProducer(Producer<byte[], byte[]> producer, String clientId) {
    this.producer = producer;
    this.clientId = clientId;
  }

  /**
   * Creates a producer with the default settings.
   *
   * @param bootstrapServers {@code host:port[,host:port…]}
   * @param clientId names this producer in broker logs and metrics, for example {@code
   *     abr-ingest-0}; a valid id ({@link Ids}), so it cannot carry a URL or a secret
   */
  public static JsonProducer create(String bootstrapServers, String clientId) {
    return create(bootstrapServers, clientId, Map.of());
  }

  /**
   * Creates a producer with some settings changed, for example {@code linger.ms} or {@code
   * delivery.timeout.ms}.
   *
   * @param overrides Kafka producer settings; the bootstrap servers, client id, serializers, acks
   *     and idempotence cannot be overridden
   * @throws IllegalArgumentException if {@code overrides} names one of those, or the client id is
   *     not a valid id
   */
  public static JsonProducer create(
      String bootstrapServers, String clientId, Map<String, String> overrides) {
    Ids.check("Kafka client id", clientId);
    for (String key : overrides.keySet()) {
      if (FIXED.contains(key)) {
        throw new IllegalArgumentException(
            "producer setting " + key + " is fixed by JsonProducer and cannot be overridden");
      }
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.putAll(overrides);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new JsonProducer(
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
        clientId);
  }

  /**
   * Sends {@code value} as JSON without waiting. Records with the same key go to the same
   * partition, in send order.
   *
   * @param key the record key (see {@link dev.abr.core.message.Topics} for each topic's rule)
   * @return completes with the record's partition and offset once the broker has it durably, or
   *     exceptionally with a {@link PipelineException}: {@link ErrorCode#KAFKA_UNAVAILABLE} when
   *     Kafka could not take it in time, {@link ErrorCode#INTERNAL_ERROR} when it can never be sent
   *     (the value does not serialize, is too large, or the topic name is invalid). The future
   *     completes on the producer's I/O thread: do not block in dependent stages.
   */
  public CompletableFuture<RecordMetadata> send(String topic, String key, Object value) {
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    byte[] json;
    try {
      json = Json.write(value);
    } catch (RuntimeException e) {
      future.completeExceptionally(
          new PipelineException(
              ErrorCode.INTERNAL_ERROR,
              value.getClass().getSimpleName() + " for " + topic + " does not serialize: " + e,
              e));
      return future;
    }
    try {
      producer.send(
          new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), json),
          (metadata, failure) -> {
            if (failure == null) {
              future.complete(metadata);
            } else {
              future.completeExceptionally(sendFailure(topic, key, failure));
            }
          });
    } catch (RuntimeException e) {
      future.completeExceptionally(sendFailure(topic, key, e));
    }
    return future;
  }

  /**
   * Sends {@code value} and waits until the broker has it durably (at most {@code
   * delivery.timeout.ms} plus {@code max.block.ms}, 40 s by default).
   *
   * @return where the record was written
   * @throws PipelineException as the future of {@link #send} completes; {@link
   *     ErrorCode#KAFKA_UNAVAILABLE} also when the calling thread is interrupted (the interrupt
   *     flag is kept)
   */
  public RecordMetadata sendAndWait(String topic, String key, Object value) {
    return await(send(topic, key, value), topic);
  }

  private static RecordMetadata await(CompletableFuture<RecordMetadata> future, String topic) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PipelineException pipelineException
          ? pipelineException
          : PipelineException.wrap(e.getCause(), "sending to " + topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, "interrupted while sending to " + topic, e);
    }
  }

  /**
   * Sends {@code values} under one {@code key}, in order, without waiting between them, then waits
   * until the broker has each durably: one batch and one round trip for all of them instead of one
   * per record (a chunk's 32 fragment events took one linger and one round trip each).
   *
   * @throws PipelineException as {@link #sendAndWait}, for the first record that failed; the others
   *     may have been written (consumers must accept them again on a retry, as after any failure)
   */
  public void sendAllAndWait(String topic, String key, List<?> values) {
    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(values.size());
    for (Object value : values) {
      sent.add(send(topic, key, value));
    }
    for (CompletableFuture<RecordMetadata> future : sent) {
      await(future, topic);
    }
  }

  /** Sends everything batched so far and waits until each send has completed or failed. */
  public void flush() {
    producer.flush();
  }

  /** Flushes and closes, waiting at most 30 s for outstanding sends; idempotent. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }

  @Override
  public String toString() {
    return "JsonProducer[" + clientId + "]";
  }

  private static PipelineException sendFailure(String topic, String key, Exception failure) {
    boolean hopeless =
        failure instanceof RecordTooLargeException || failure instanceof InvalidTopicException;
    return new PipelineException(
        hopeless ? ErrorCode.INTERNAL_ERROR : ErrorCode.KAFKA_UNAVAILABLE,
        "sending record " + key + " to " + topic + " failed: " + failure,
        failure);
  }
}
