package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.abr.core.testing.ProjectFiles;
import dev.abr.deploy.Manifests.Workload;
import dev.abr.s3.StorageLocation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What the pods of each overlay reference exists: ConfigMaps (and their keys) in the overlay,
 * Secrets in the overlay or in the README's {@code kubectl create secret} commands, with their
 * keys.
 */
class ReferencesTest {
  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void configMapReferences_nameConfigMapsAndKeysOfThisOverlay(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (Reference reference : references(manifests)) {
      if (!reference.kind().equals("ConfigMap")) {
        continue;
      }
      Optional<ConfigMap> configMap = manifests.configMap(reference.name());
      if (configMap.isEmpty()) {
        problems.add(
            reference.where() + ": ConfigMap " + reference.name() + " is not in the overlay");
      } else if (reference.key().isPresent()
          && (configMap.get().getData() == null
              || !configMap.get().getData().containsKey(reference.key().get()))) {
        problems.add(
            reference.where()
                + ": ConfigMap "
                + reference.name()
                + " has no key "
                + reference.key().get());
      }
    }
    assertThat(problems).as("references to missing ConfigMaps or keys").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void secretReferences_nameSecretsOfThisOverlayOrOfTheReadme(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    Map<String, Set<String>> documented = DeployReadme.secrets();
    List<String> problems = new ArrayList<>();
    for (Reference reference : references(manifests)) {
      if (!reference.kind().equals("Secret")) {
        continue;
      }
      Optional<Secret> defined =
          manifests.ofType(Secret.class).stream()
              .filter(secret -> secret.getMetadata().getName().equals(reference.name()))
              .findFirst();
      if (defined.isPresent()) {
        Map<String, String> data = new TreeMap<>();
        Optional.ofNullable(defined.get().getData()).ifPresent(data::putAll);
        Optional.ofNullable(defined.get().getStringData()).ifPresent(data::putAll);
        if (reference.key().isPresent() && !data.containsKey(reference.key().get())) {
          problems.add(
              reference.where()
                  + ": Secret "
                  + reference.name()
                  + " has no key "
                  + reference.key().get());
        }
      } else if (!documented.containsKey(reference.name())) {
        problems.add(
            reference.where()
                + ": Secret "
                + reference.name()
                + " is neither in the overlay nor created in deploy/k8s/README.md");
      } else if (reference.key().isPresent()
          && !documented.get(reference.name()).contains(reference.key().get())) {
        problems.add(
            reference.where()
                + ": the README creates Secret "
                + reference.name()
                + " without key "
                + reference.key().get());
      }
    }
    assertThat(problems).as("references to Secrets nobody creates").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void laddersConfigMap_holdsTheBuiltInLadders(String overlay) throws IOException {
    Map<String, String> builtIn = new TreeMap<>();
    Path folder = ProjectFiles.resolve("core/src/main/resources/dev/abr/core/ladder");
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        builtIn.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    Optional<ConfigMap> ladders = Manifests.render(overlay).configMap("abr-ladders");

    assertThat(ladders).as("%s: ConfigMap abr-ladders", overlay).isPresent();
    assertThat(new TreeMap<>(ladders.get().getData()))
        .as("%s: ConfigMap abr-ladders (deploy/k8s/base/ladders/ against %s)", overlay, folder)
        .isEqualTo(builtIn);
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void storageLocations_parse(String overlay) {
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      for (String flag : List.of("--storage", "--output")) {
        Optional<String> value = RoleDeploymentsTest.option(role, flag).flatMap(role::value);
        if (RoleDeploymentsTest.option(role, flag).isEmpty()) {
          continue;
        }
        assertThat(value).as("%s: %s is required", role.describe(), flag).isPresent();
        assertThatCode(() -> StorageLocation.parse(value.get()))
            .as("%s: %s %s", role.describe(), flag, value.get())
            .doesNotThrowAnyException();
      }
    }
  }

  /**
   * A reference from a pod to a ConfigMap or Secret.
   *
   * @param where the workload, container and field, for messages
   * @param kind {@code ConfigMap} or {@code Secret}
   * @param name the referenced name
   * @param key the key, when one is named
   */
  record Reference(String where, String kind, String name, Optional<String> key) {}

  /** Every ConfigMap and Secret reference in the pods of {@code manifests} that is not optional. */
  static List<Reference> references(Manifests manifests) {
    List<Reference> references = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      var pod = workload.template().getSpec();
      List<Container> containers = new ArrayList<>(pod.getContainers());
      if (pod.getInitContainers() != null) {
        containers.addAll(pod.getInitContainers());
      }
      for (Container container : containers) {
        String where = workload.describe() + " container " + container.getName();
        for (EnvVar variable :
            container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
          if (variable.getValueFrom() == null) {
            continue;
          }
          var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
          var secretKey = variable.getValueFrom().getSecretKeyRef();
          if (configMapKey != null && !Boolean.TRUE.equals(configMapKey.getOptional())) {
            references.add(
                new Reference(
                    where + " env " + variable.getName(),
                    "ConfigMap",
                    configMapKey.getName(),
                    Optional.of(configMapKey.getKey())));
          }
          if (secretKey != null && !Boolean.TRUE.equals(secretKey.getOptional())) {
            references.add(
                new Reference(
                    where + " env " + variable.getName(),
                    "Secret",
                    secretKey.getName(),
                    Optional.of(secretKey.getKey())));
          }
        }
        for (EnvFromSource source :
            container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
          if (source.getConfigMapRef() != null
              && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
            references.add(
                new Reference(
                    where + " envFrom",
                    "ConfigMap",
                    source.getConfigMapRef().getName(),
                    Optional.empty()));
          }
          if (source.getSecretRef() != null
              && !Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
            references.add(
                new Reference(
                    where + " envFrom",
                    "Secret",
                    source.getSecretRef().getName(),
                    Optional.empty()));
          }
        }
      }
      for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
        String where = workload.describe() + " volume " + volume.getName();
        if (volume.getConfigMap() != null
            && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
          references.add(
              new Reference(where, "ConfigMap", volume.getConfigMap().getName(), Optional.empty()));
        }
        if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
          references.add(
              new Reference(where, "Secret", volume.getSecret().getSecretName(), Optional.empty()));
        }
      }
    }
    return references;
  }
}
