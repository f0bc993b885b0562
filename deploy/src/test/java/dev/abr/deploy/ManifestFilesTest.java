package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The files under {@code deploy/k8s}: every document parses into its model without unknown fields,
 * every file is used by a kustomization, and the base stays namespace-agnostic.
 */
class ManifestFilesTest {
  /** The kustomizations an operator or the base renders. */
  static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/dev", "overlays/prod");

  /** Kinds that have no fabric8 model here: the operators' custom resources. */
  private static final Set<String> CUSTOM_KINDS =
      Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "ScaledObject", "ServiceMonitor");

  @Test
  void yamlFiles_parse() throws IOException {
    for (Path file : files(".yaml")) {
      assertThatCode(() -> Kustomize.documents(Files.readString(file), file.toString()))
          .as("%s", file)
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void resources_parseIntoTheirTypedModelsWithoutUnknownFields(String kustomization) {
    List<String> problems = new ArrayList<>();
    for (HasMetadata resource : Manifests.render(kustomization).all()) {
      String where =
          kustomization + " " + resource.getKind() + "/" + resource.getMetadata().getName();
      if (resource instanceof GenericKubernetesResource) {
        if (!CUSTOM_KINDS.contains(resource.getKind())) {
          problems.add(
              where
                  + ": "
                  + resource.getApiVersion()
                  + " "
                  + resource.getKind()
                  + " is no known kind");
        }
        continue;
      }
      for (String field : UnknownFields.of(resource)) {
        problems.add(where + ": unknown field " + field);
      }
    }
    assertThat(problems).as("documents the API server would not understand").isEmpty();
  }

  @Test
  void files_areAllUsedByAKustomization() throws IOException {
    Set<Path> used = new TreeSet<>();
    for (Path kustomization : files("kustomization.yaml")) {
      Path folder = kustomization.getParent();
      used.add(kustomization);
      ObjectNode document = Kustomize.readSingle(kustomization);
      for (JsonNode resource : document.path("resources")) {
        Path path = folder.resolve(resource.asString()).normalize();
        // A folder is used through its own kustomization, which names its files.
        used.add(Files.isDirectory(path) ? path.resolve(Kustomize.FILE_NAME) : path);
      }
      for (JsonNode patch : document.path("patches")) {
        if (patch.has("path")) {
          used.add(folder.resolve(patch.get("path").asString()).normalize());
        }
      }
      for (JsonNode generator : document.path("configMapGenerator")) {
        for (JsonNode file : generator.path("files")) {
          String text = file.asString();
          used.add(folder.resolve(text.substring(text.indexOf('=') + 1)).normalize());
        }
      }
    }
    List<Path> unused = new ArrayList<>();
    for (Path file : files("")) {
      if (!file.getFileName().toString().equals("README.md") && !used.contains(file)) {
        unused.add(Manifests.root().relativize(file));
      }
    }
    assertThat(unused).as("files under deploy/k8s that no kustomization uses").isEmpty();
  }

  @Test
  void base_isNamespaceAgnostic() {
    List<String> namespaced =
        Manifests.render("base").all().stream()
            .filter(resource -> resource.getMetadata().getNamespace() != null)
            .map(resource -> "base " + resource.getKind() + "/" + resource.getMetadata().getName())
            .toList();

    assertThat(namespaced).as("base resources with metadata.namespace (overlays set it)").isEmpty();
  }

  /** Files under deploy/k8s whose name ends with {@code suffix}, sorted. */
  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(Manifests.root())) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }
}
