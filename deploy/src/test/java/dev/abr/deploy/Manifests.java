package dev.abr.deploy;

import dev.abr.core.testing.ProjectFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resources of one kustomization under {@code deploy/k8s} (the base or an overlay), rendered by
 * {@link Kustomize} and parsed into fabric8's typed models; custom resources (Strimzi, KEDA,
 * Prometheus Operator) are {@link GenericKubernetesResource}s.
 */
public final class Manifests {
  /** The overlays an operator applies, relative to {@code deploy/k8s}. */
  public static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod");

  /** The pod label that marks the abr role pods (MinIO and other helpers have another name). */
  static final String NAME_LABEL = "app.kubernetes.io/name";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final String name;
  private final List<HasMetadata> resources;

  private Manifests(String name, List<HasMetadata> resources) {
    this.name = name;
    this.resources = List.copyOf(resources);
  }

  /** {@code deploy/k8s} in this repository. */
  static Path root() {
    return ProjectFiles.resolve("deploy/k8s");
  }

  /** Renders {@code relative} (for example {@code overlays/dev}) under {@code deploy/k8s}. */
  public static Manifests render(String relative) {
    List<HasMetadata> typed = new ArrayList<>();
    for (ObjectNode document : Kustomize.render(root().resolve(relative))) {
      typed.add(toTyped(document));
    }
    return new Manifests(relative, typed);
  }

  /** One document as its fabric8 model. */
  static HasMetadata toTyped(ObjectNode document) {
    KubernetesResource resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
    if (!(resource instanceof HasMetadata hasMetadata)) {
      throw new IllegalArgumentException(
          Kustomize.describe(document) + " is not a resource with metadata");
    }
    return hasMetadata;
  }

  /** The kustomization's folder relative to {@code deploy/k8s}, for messages. */
  String name() {
    return name;
  }

  List<HasMetadata> all() {
    return resources;
  }

  /** The resources of a typed (built-in) kind. */
  <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The custom resources of {@code kind}, for example {@code KafkaTopic}. */
  List<GenericKubernetesResource> custom(String kind) {
    return ofType(GenericKubernetesResource.class).stream()
        .filter(resource -> resource.getKind().equals(kind))
        .toList();
  }

  Optional<ConfigMap> configMap(String configMapName) {
    return ofType(ConfigMap.class).stream()
        .filter(configMap -> configMap.getMetadata().getName().equals(configMapName))
        .findFirst();
  }

  Optional<Deployment> deployment(String deploymentName) {
    return ofType(Deployment.class).stream()
        .filter(deployment -> deployment.getMetadata().getName().equals(deploymentName))
        .findFirst();
  }

  /**
   * The abr role Deployments' containers (Deployments labelled {@code app.kubernetes.io/name:
   * abr}).
   */
  public List<RoleContainer> roleContainers() {
    List<RoleContainer> containers = new ArrayList<>();
    for (Deployment deployment : ofType(Deployment.class)) {
      if (!"abr"
          .equals(deployment.getSpec().getTemplate().getMetadata().getLabels().get(NAME_LABEL))) {
        continue;
      }
      for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
        containers.add(new RoleContainer(this, deployment, container));
      }
    }
    return containers;
  }

  /** Every pod template (Deployments, StatefulSets, Jobs) with the resource that owns it. */
  List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (Deployment deployment : ofType(Deployment.class)) {
      workloads.add(new Workload(this, deployment, deployment.getSpec().getTemplate()));
    }
    for (StatefulSet statefulSet : ofType(StatefulSet.class)) {
      workloads.add(new Workload(this, statefulSet, statefulSet.getSpec().getTemplate()));
    }
    for (Job job : ofType(Job.class)) {
      workloads.add(new Workload(this, job, job.getSpec().getTemplate()));
    }
    return workloads;
  }

  /** {@code overlays/dev Kind/name}, for messages. */
  String describe(HasMetadata resource) {
    return name + " " + resource.getKind() + "/" + resource.getMetadata().getName();
  }

  /**
   * A pod template and the resource that owns it.
   *
   * @param manifests where it comes from
   * @param owner the Deployment, StatefulSet or Job
   * @param template its pod template
   */
  record Workload(Manifests manifests, HasMetadata owner, PodTemplateSpec template) {
    String describe() {
      return manifests.describe(owner);
    }

    Map<String, String> labels() {
      Map<String, String> labels = template.getMetadata().getLabels();
      return labels == null ? Map.of() : labels;
    }

    String namespace() {
      return Optional.ofNullable(owner.getMetadata().getNamespace()).orElse("");
    }
  }
}
