package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prod overlay: several pods per role, reachable publishers, a replicated Kafka. */
class ProdOverlayTest {
  private final Manifests prod = Manifests.render("overlays/prod");

  @Test
  void statelessRoles_runSeveralPods() {
    for (String command : List.of("ingest", "packager", "origin")) {
      Deployment deployment = ServicesTest.deploymentOf(prod, command);
      assertThat(deployment.getSpec().getReplicas())
          .as("%s spec.replicas", prod.describe(deployment))
          .isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void scaledObject_scalesTranscodersFromTwoToTwelve() {
    GenericKubernetesResource scaledObject = prod.custom("ScaledObject").get(0);

    assertThat(
            List.of(
                scaledObject.<Integer>get("spec", "minReplicaCount"),
                scaledObject.<Integer>get("spec", "maxReplicaCount")))
        .as("%s spec.minReplicaCount, maxReplicaCount", prod.describe(scaledObject))
        .containsExactly(2, 12);
  }

  @Test
  void ingestService_isALoadBalancer() {
    Service ingest =
        prod.ofType(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals("abr-ingest"))
            .findFirst()
            .orElseThrow();

    assertThat(ingest.getSpec().getType())
        .as("%s spec.type", prod.describe(ingest))
        .isEqualTo("LoadBalancer");
  }

  @Test
  void kafka_isThreeNodesOnPersistentClaimsThatOutliveTheCluster() {
    GenericKubernetesResource pool = prod.custom("KafkaNodePool").get(0);
    List<Map<String, Object>> volumes = pool.get("spec", "storage", "volumes");

    assertThat(pool.<Integer>get("spec", "replicas"))
        .as("%s spec.replicas", prod.describe(pool))
        .isEqualTo(3);
    assertThat(volumes)
        .as("%s spec.storage.volumes", prod.describe(pool))
        .singleElement()
        .satisfies(
            volume ->
                assertThat(volume)
                    .containsEntry("type", "persistent-claim")
                    .containsEntry("deleteClaim", false));
  }

  @Test
  void kafka_replicatesThreeTimesAndAcknowledgesTwo() {
    GenericKubernetesResource kafka = KafkaResourcesTest.kafka(prod);
    Map<String, Object> config = kafka.get("spec", "kafka", "config");

    assertThat(String.valueOf(config.get("default.replication.factor")))
        .as("%s default.replication.factor", prod.describe(kafka))
        .isEqualTo("3");
    assertThat(String.valueOf(config.get("min.insync.replicas")))
        .as("%s min.insync.replicas", prod.describe(kafka))
        .isEqualTo("2");
  }

  @Test
  void transcoders_preferDifferentNodes() {
    Deployment transcoder = ServicesTest.deploymentOf(prod, "transcoder");
    Map<String, String> labels = transcoder.getSpec().getTemplate().getMetadata().getLabels();
    var affinity = transcoder.getSpec().getTemplate().getSpec().getAffinity();

    assertThat(affinity).as("%s affinity", prod.describe(transcoder)).isNotNull();
    List<WeightedPodAffinityTerm> terms =
        affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    assertThat(terms)
        .as("%s podAntiAffinity", prod.describe(transcoder))
        .anySatisfy(
            term -> {
              assertThat(term.getPodAffinityTerm().getTopologyKey())
                  .isEqualTo("kubernetes.io/hostname");
              assertThat(Selectors.matches(term.getPodAffinityTerm().getLabelSelector(), labels))
                  .isTrue();
            });
  }

  @Test
  void roleContainers_requestAllTheMemoryTheyMayUse() {
    for (RoleContainer role : prod.roleContainers()) {
      Quantity request = role.container().getResources().getRequests().get("memory");
      Quantity limit = role.container().getResources().getLimits().get("memory");
      assertThat(RoleDeploymentsTest.amount(request))
          .as("%s resources.requests.memory against the limit %s", role.describe(), limit)
          .isEqualByComparingTo(RoleDeploymentsTest.amount(limit));
    }
  }
}
