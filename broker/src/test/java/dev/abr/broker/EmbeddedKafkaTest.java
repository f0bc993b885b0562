package dev.abr.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir static Path sharedDir;
  private static EmbeddedKafka shared;

  @BeforeAll
  static void startShared() {
    shared = EmbeddedKafka.start(sharedDir.resolve("kafka"));
  }

  @AfterAll
  static void stopShared() {
    shared.close();
  }

  @Test
  void start_freshDataDir_servesClusterMetadata() throws Exception {
    try (Admin admin = admin(shared)) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  void produceConsume_oneTopic_roundTripsRecordsInOrder() throws Exception {
    createTopic(shared, "round-trip");
    produce(shared, "round-trip", List.of("a", "b", "c"));

    assertThat(consumeValues(shared, "round-trip", "round-trip-group", 3))
        .containsExactly("a", "b", "c");
  }

  @Test
  void start_withOverrides_brokerUsesThem(@TempDir Path dir) throws Exception {
    EmbeddedKafka.Ports ports = freePorts();
    try (EmbeddedKafka broker =
            EmbeddedKafka.start(
                dir,
                ports,
                Map.of(
                    "group.consumer.min.session.timeout.ms", "2000",
                    "group.consumer.session.timeout.ms", "3000"));
        Admin admin = admin(broker)) {
      org.apache.kafka.common.config.ConfigResource node =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.BROKER, "1");
      org.apache.kafka.clients.admin.Config config =
          admin.describeConfigs(List.of(node)).all().get(30, TimeUnit.SECONDS).get(node);

      assertThat(config.get("group.consumer.session.timeout.ms").value()).isEqualTo("3000");
      assertThat(config.get("group.consumer.min.session.timeout.ms").value()).isEqualTo("2000");
    }
  }

  @Test
  void start_overrideOfAnOwnedSetting_isRefused(@TempDir Path dir) {
    assertThatThrownBy(
            () -> EmbeddedKafka.start(dir, freePorts(), Map.of("listeners", "PLAINTEXT://:9092")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }

  private static EmbeddedKafka.Ports freePorts() throws IOException {
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new EmbeddedKafka.Ports(a.getLocalPort(), b.getLocalPort());
    }
  }

  @Test
  void start_autoCreateDisabled_unknownTopicIsNotCreated() throws Exception {
    assertThatThrownBy(() -> produce(shared, "never-created", List.of("x"), 1_000))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
        .hasMessageContaining("never-created");
    try (Admin admin = admin(shared)) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .doesNotContain("never-created");
    }
  }

  @Test
  void restart_sameDataDir_keepsRecordsAndCommittedOffsets(@TempDir Path dir) throws Exception {
    EmbeddedKafka first = EmbeddedKafka.start(dir);
    EmbeddedKafka second = null;
    try {
      createTopic(first, "kept");
      produce(first, "kept", List.of("before-1", "before-2"));
      assertThat(consumeValues(first, "kept", "kept-group", 2))
          .containsExactly("before-1", "before-2");

      second = first.restart();
      produce(second, "kept", List.of("after-1"));

      assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
      assertThat(consumeValues(second, "kept", "kept-group", 1)).containsExactly("after-1");
      assertThat(consumeValues(second, "kept", "fresh-group", 3))
          .containsExactly("before-1", "before-2", "after-1");
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void close_calledTwice_secondCallDoesNothing(@TempDir Path dir) {
    EmbeddedKafka kafka = EmbeddedKafka.start(dir);

    kafka.close();
    kafka.close();

    assertThat(kafka.isRunning()).isFalse();
  }

  @Test
  void start_controllerPortTaken_failsNamingThePorts(@TempDir Path dir) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int freePort = free.getLocalPort();
      free.close();
      EmbeddedKafka.Ports ports = new EmbeddedKafka.Ports(freePort, taken.getLocalPort());

      assertThatThrownBy(() -> EmbeddedKafka.start(dir, ports))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port in use: " + taken.getLocalPort());
    }
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000));
  }

  private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
    try (Admin admin = admin(kafka)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(EmbeddedKafka kafka, String topic, List<String> values)
      throws InterruptedException, ExecutionException {
    produce(kafka, topic, values, 10_000);
  }

  private static void produce(
      EmbeddedKafka kafka, String topic, List<String> values, int maxBlockMillis)
      throws InterruptedException, ExecutionException {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                maxBlockMillis),
            new StringSerializer(),
            new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value, value)).get();
      }
    }
  }

  /** Reads {@code count} values as member of {@code group} and commits them. */
  private static List<String> consumeValues(
      EmbeddedKafka kafka, String topic, String group, int count) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      consumer.commitSync(
          Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(lastOffset(consumer, topic))));
    }
    return values;
  }

  private static long lastOffset(KafkaConsumer<String, String> consumer, String topic) {
    return consumer.position(new TopicPartition(topic, 0));
  }
}
