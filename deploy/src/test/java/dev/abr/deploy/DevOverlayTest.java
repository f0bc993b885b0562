package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dev overlay: the smallest pipeline that runs, with an in-cluster S3. */
class DevOverlayTest {
  private final Manifests dev = Manifests.render("overlays/dev");

  @Test
  void roleDeployments_runOnePodEach() {
    for (RoleContainer role : dev.roleContainers()) {
      Integer replicas = role.deployment().getSpec().getReplicas();
      assertThat(replicas == null ? 1 : replicas)
          .as("%s spec.replicas", dev.describe(role.deployment()))
          .isEqualTo(1);
    }
  }

  @Test
  void scaledObject_keepsOneOrTwoTranscoders() {
    GenericKubernetesResource scaledObject = dev.custom("ScaledObject").get(0);

    assertThat(
            List.of(
                scaledObject.<Integer>get("spec", "minReplicaCount"),
                scaledObject.<Integer>get("spec", "maxReplicaCount")))
        .as("%s spec.minReplicaCount, maxReplicaCount", dev.describe(scaledObject))
        .containsExactly(1, 2);
  }

  @Test
  void kafka_isOneNodeOnEphemeralStorage() {
    GenericKubernetesResource pool = dev.custom("KafkaNodePool").get(0);
    List<Map<String, Object>> volumes = pool.get("spec", "storage", "volumes");

    assertThat(pool.<Integer>get("spec", "replicas"))
        .as("%s spec.replicas", dev.describe(pool))
        .isEqualTo(1);
    assertThat(volumes)
        .as("%s spec.storage.volumes", dev.describe(pool))
        .singleElement()
        .satisfies(volume -> assertThat(volume).containsEntry("type", "ephemeral"));
  }

  @Test
  void kafka_replicatesOnce() {
    GenericKubernetesResource kafka = KafkaResourcesTest.kafka(dev);
    Map<String, Object> config = kafka.get("spec", "kafka", "config");

    for (String key :
        List.of(
            "default.replication.factor",
            "min.insync.replicas",
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr")) {
      assertThat(String.valueOf(config.get(key)))
          .as("%s spec.kafka.config.%s", dev.describe(kafka), key)
          .isEqualTo("1");
    }
  }

  @Test
  void stores_areTheInClusterMinioPathStyle() {
    Deployment minio = dev.deployment("abr-minio").orElseThrow();
    Map<String, String> minioLabels = minio.getSpec().getTemplate().getMetadata().getLabels();
    for (RoleContainer role : dev.roleContainers()) {
      for (String flag : List.of("--storage", "--output")) {
        Optional<String> location = RoleDeploymentsTest.option(role, flag).flatMap(role::value);
        if (location.isEmpty()) {
          continue;
        }
        assertThat(location.get()).as("%s %s", role.describe(), flag).contains("pathStyle=true");
        URI endpoint = URI.create(location.get().replaceAll(".*[?&]endpoint=([^&]+).*", "$1"));
        Service service =
            dev.ofType(Service.class).stream()
                .filter(candidate -> candidate.getMetadata().getName().equals(endpoint.getHost()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            role.describe() + " " + flag + ": no Service " + endpoint.getHost()));
        assertThat(Selectors.matches(service.getSpec().getSelector(), minioLabels))
            .as(
                "%s %s: Service %s selects the MinIO pods",
                role.describe(), flag, endpoint.getHost())
            .isTrue();
        assertThat(service.getSpec().getPorts())
            .as("%s ports", dev.describe(service))
            .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(endpoint.getPort()));
      }
    }
  }

  @Test
  void bucketJob_makesTheBucketsOfBothStores() {
    Job job =
        dev.ofType(Job.class).stream()
            .filter(j -> j.getMetadata().getName().equals("abr-minio-buckets"))
            .findFirst()
            .orElseThrow();
    String script =
        String.join(" ", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
    for (RoleContainer role : dev.roleContainers()) {
      for (String flag : List.of("--storage", "--output")) {
        RoleDeploymentsTest.option(role, flag)
            .flatMap(role::value)
            .ifPresent(
                location -> {
                  String bucket = URI.create(location).getHost();
                  assertThat(script)
                      .as(
                          "%s args make bucket %s of %s %s",
                          dev.describe(job), bucket, role.describe(), flag)
                      .contains("dev/" + bucket);
                });
      }
    }
  }
}
