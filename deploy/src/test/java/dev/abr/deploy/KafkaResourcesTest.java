package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicSpec;
import dev.abr.core.message.Topics;
import dev.abr.transcoder.TranscoderRole;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Strimzi and KEDA resources of each overlay against the code: the topics are {@link
 * KafkaTopics#defaults()}, the roles and KEDA reach the cluster's bootstrap Service, and KEDA
 * scales the transcoders on their own group's lag, no further than the partitions allow.
 */
class KafkaResourcesTest {
  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void kafkaTopics_areTheDefaultTopicsWithTheirPartitions(String overlay) {
    Map<String, Integer> expected =
        KafkaTopics.defaults().stream()
            .collect(Collectors.toMap(TopicSpec::name, TopicSpec::partitions));
    Map<String, Integer> actual = new TreeMap<>();
    for (GenericKubernetesResource topic : Manifests.render(overlay).custom("KafkaTopic")) {
      actual.put(topicName(topic), ((Number) topic.get("spec", "partitions")).intValue());
    }

    assertThat(actual)
        .as("%s: KafkaTopic spec.topicName → spec.partitions", overlay)
        .isEqualTo(new TreeMap<>(expected));
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void kafkaTopics_haveTheDefaultSettings(String overlay) {
    Map<String, Map<String, String>> expected = new TreeMap<>();
    KafkaTopics.defaults()
        .forEach(spec -> expected.put(spec.name(), new TreeMap<>(spec.configs())));
    Map<String, Map<String, String>> actual = new TreeMap<>();
    for (GenericKubernetesResource topic : Manifests.render(overlay).custom("KafkaTopic")) {
      Map<String, Object> config = topic.get("spec", "config");
      Map<String, String> settings = new TreeMap<>();
      if (config != null) {
        config.forEach((key, value) -> settings.put(key, String.valueOf(value)));
      }
      actual.put(topicName(topic), settings);
    }

    assertThat(actual).as("%s: KafkaTopic spec.config", overlay).isEqualTo(expected);
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void kafkaTopics_belongToTheKafkaCluster(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    String cluster = kafka(manifests).getMetadata().getName();
    List<String> problems = new ArrayList<>();
    for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
      String label =
          topic.getMetadata().getLabels() == null
              ? null
              : topic.getMetadata().getLabels().get("strimzi.io/cluster");
      if (!cluster.equals(label)) {
        problems.add(
            manifests.describe(topic)
                + ": label strimzi.io/cluster is "
                + label
                + ", not "
                + cluster);
      }
    }
    assertThat(problems).as("topics no topic operator would make").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void kafka_runsKraftWithADualRoleNodePool(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    GenericKubernetesResource kafka = kafka(manifests);

    assertThat(kafka.getMetadata().getAnnotations())
        .as("%s metadata.annotations", manifests.describe(kafka))
        .containsEntry("strimzi.io/node-pools", "enabled")
        .containsEntry("strimzi.io/kraft", "enabled");
    List<GenericKubernetesResource> pools = manifests.custom("KafkaNodePool");
    assertThat(pools).as("%s: KafkaNodePools", overlay).hasSize(1);
    GenericKubernetesResource pool = pools.get(0);
    assertThat(pool.getMetadata().getLabels())
        .as("%s metadata.labels", manifests.describe(pool))
        .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
    List<String> roles = pool.get("spec", "roles");
    assertThat(roles)
        .as("%s spec.roles", manifests.describe(pool))
        .containsExactlyInAnyOrder("controller", "broker");
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void kafka_createsNoTopicsByItself(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    GenericKubernetesResource kafka = kafka(manifests);
    Object autoCreate = kafka.get("spec", "kafka", "config", "auto.create.topics.enable");

    assertThat(String.valueOf(autoCreate))
        .as(
            "%s spec.kafka.config.auto.create.topics.enable (topics come from KafkaTopics)",
            manifests.describe(kafka))
        .isEqualTo("false");
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleBootstrapServers_areTheStrimziBootstrapService(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    Pattern bootstrap = bootstrapAddress(manifests, /* qualified= */ false);
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : manifests.roleContainers()) {
      Optional<String> servers = RoleDeploymentsTest.option(role, "--kafka").flatMap(role::value);
      if (RoleDeploymentsTest.option(role, "--kafka").isPresent()
          && (servers.isEmpty() || !bootstrap.matcher(servers.get()).matches())) {
        problems.add(
            role.describe()
                + ": ABR_KAFKA_BOOTSTRAP is "
                + servers.orElse("(unset)")
                + ", not the plain listener of the bootstrap Service ("
                + bootstrap
                + ")");
      }
    }
    assertThat(problems).as("roles that would not find the Kafka cluster").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void scaledObject_targetsTheTranscoderDeployment(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    Deployment transcoder = ServicesTest.deploymentOf(manifests, "transcoder");
    GenericKubernetesResource scaledObject = scaledObject(manifests);

    assertThat(scaledObject.<Map<String, Object>>get("spec", "scaleTargetRef"))
        .as("%s spec.scaleTargetRef", manifests.describe(scaledObject))
        .containsEntry("kind", "Deployment")
        .containsEntry("name", transcoder.getMetadata().getName());
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void scaledObject_scalesOnTheLagOfTheTranscoderGroup(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    GenericKubernetesResource scaledObject = scaledObject(manifests);
    Map<String, Object> trigger = kafkaTrigger(scaledObject);

    assertThat(trigger)
        .as("%s spec.triggers[type=kafka].metadata", manifests.describe(scaledObject))
        .containsEntry("consumerGroup", TranscoderRole.GROUP)
        .containsEntry("topic", Topics.TRANSCODE_REQUESTED)
        .containsKey("lagThreshold");
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void scaledObject_scalesNoFurtherThanTheTopicsPartitions(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    GenericKubernetesResource scaledObject = scaledObject(manifests);
    String topic = (String) kafkaTrigger(scaledObject).get("topic");
    int partitions =
        KafkaTopics.defaults().stream()
            .filter(spec -> spec.name().equals(topic))
            .findFirst()
            .orElseThrow()
            .partitions();
    int min = ((Number) scaledObject.get("spec", "minReplicaCount")).intValue();
    int max = ((Number) scaledObject.get("spec", "maxReplicaCount")).intValue();

    assertThat(max)
        .as(
            "%s spec.maxReplicaCount (members beyond %s's %d partitions sit idle)",
            manifests.describe(scaledObject), topic, partitions)
        .isBetween(Math.max(1, min), partitions);
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void scaledObject_reachesTheBootstrapServiceByItsNamespacedName(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    GenericKubernetesResource scaledObject = scaledObject(manifests);
    String servers = (String) kafkaTrigger(scaledObject).get("bootstrapServers");

    // KEDA's operator runs in its own namespace: a short name would not resolve there.
    assertThat(servers)
        .as(
            "%s spec.triggers[type=kafka].metadata.bootstrapServers",
            manifests.describe(scaledObject))
        .matches(bootstrapAddress(manifests, /* qualified= */ true));
  }

  /** The one Kafka resource of {@code manifests}. */
  static GenericKubernetesResource kafka(Manifests manifests) {
    List<GenericKubernetesResource> clusters = manifests.custom("Kafka");
    assertThat(clusters).as("%s: Kafka resources", manifests.name()).hasSize(1);
    return clusters.get(0);
  }

  private static GenericKubernetesResource scaledObject(Manifests manifests) {
    List<GenericKubernetesResource> scaledObjects = manifests.custom("ScaledObject");
    assertThat(scaledObjects).as("%s: ScaledObjects", manifests.name()).hasSize(1);
    return scaledObjects.get(0);
  }

  private static Map<String, Object> kafkaTrigger(GenericKubernetesResource scaledObject) {
    List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
    List<Map<String, Object>> kafka =
        triggers.stream().filter(t -> "kafka".equals(t.get("type"))).toList();
    assertThat(kafka).as("%s: kafka triggers", scaledObject.getMetadata().getName()).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) kafka.get(0).get("metadata");
    return metadata;
  }

  /**
   * {@code <cluster>-kafka-bootstrap[.<namespace>.svc[.cluster.local]]:<port>} with the port of a
   * listener without TLS (the roles and KEDA connect in plain text).
   */
  private static Pattern bootstrapAddress(Manifests manifests, boolean qualified) {
    GenericKubernetesResource kafka = kafka(manifests);
    List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
    String ports =
        listeners.stream()
            .filter(listener -> !Boolean.TRUE.equals(listener.get("tls")))
            .map(listener -> String.valueOf(listener.get("port")))
            .collect(Collectors.joining("|"));
    String host = Pattern.quote(kafka.getMetadata().getName() + "-kafka-bootstrap");
    String namespace =
        Pattern.quote(Optional.ofNullable(kafka.getMetadata().getNamespace()).orElse(""));
    String suffix = "\\." + namespace + "\\.svc(\\.cluster\\.local)?";
    return Pattern.compile(host + (qualified ? suffix : "(" + suffix + ")?") + ":(" + ports + ")");
  }

  private static String topicName(GenericKubernetesResource topic) {
    Object name = topic.get("spec", "topicName");
    return name == null ? topic.getMetadata().getName() : name.toString();
  }
}
