package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test loader renders the kustomize features it claims the way kustomize does, and refuses
 * others.
 */
class KustomizeTest {
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        template:
          spec:
            containers:
              - name: app
                image: app:1.0
                env:
                  - name: A
                    value: "1"
                  - name: B
                    value: "2"
                resources:
                  limits:
                    cpu: "1"
                    memory: 1Gi
              - name: sidecar
                image: sidecar
      """;

  private static final String CUSTOM =
      """
      apiVersion: example.com/v1
      kind: Widget
      metadata:
        name: w
      spec:
        size: 1
        config:
          a: 1
          b: 2
        items:
          - type: x
            size: 1
      """;

  @TempDir Path folder;

  @Test
  void render_baseFolderInResources_includesItsDocumentsInOrder() throws IOException {
    write("base/kustomization.yaml", "resources:\n  - web.yaml\n");
    write(
        "base/web.yaml",
        DEPLOYMENT + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
    write("kustomization.yaml", "resources:\n  - base\n  - extra.yaml\n");
    write("extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");

    assertThat(Kustomize.render(folder))
        .extracting(Kustomize::describe)
        .containsExactly("Deployment/web", "Service/web", "ConfigMap/extra");
  }

  @Test
  void render_namespace_setOnNamespacedResourcesOnly() throws IOException {
    write("kustomization.yaml", "namespace: team\nresources:\n  - all.yaml\n");
    write(
        "all.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\n" + DEPLOYMENT);

    List<ObjectNode> rendered = Kustomize.render(folder);

    assertThat(rendered.get(0).path("metadata").has("namespace")).isFalse();
    assertThat(rendered.get(1).path("metadata").path("namespace").asString()).isEqualTo("team");
  }

  @Test
  void render_images_replaceNameAndTagOfMatchingContainersOnly() throws IOException {
    write(
        "kustomization.yaml",
        "resources:\n  - web.yaml\nimages:\n  - name: app\n    newName: registry/app\n    newTag: \"2.0\"\n");
    write("web.yaml", DEPLOYMENT);

    JsonNode containers = podSpec(Kustomize.render(folder).get(0)).path("containers");

    assertThat(containers.get(0).path("image").asString()).isEqualTo("registry/app:2.0");
    assertThat(containers.get(1).path("image").asString()).isEqualTo("sidecar");
  }

  @Test
  void render_replicas_setDeploymentReplicas() throws IOException {
    write(
        "kustomization.yaml", "resources:\n  - web.yaml\nreplicas:\n  - name: web\n    count: 5\n");
    write("web.yaml", DEPLOYMENT);

    assertThat(Kustomize.render(folder).get(0).path("spec").path("replicas").asInt()).isEqualTo(5);
  }

  @Test
  void render_strategicMergePatch_mergesContainersAndEnvByName() throws IOException {
    write("kustomization.yaml", "resources:\n  - web.yaml\npatches:\n  - path: patch.yaml\n");
    write("web.yaml", DEPLOYMENT);
    write(
        "patch.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: app
                  env:
                    - name: B
                      value: "20"
                    - name: C
                      value: "3"
                  resources:
                    limits:
                      cpu: "2"
        """);

    JsonNode app = podSpec(Kustomize.render(folder).get(0)).path("containers").get(0);

    assertThat(app.path("image").asString()).isEqualTo("app:1.0");
    assertThat(app.path("env").toString())
        .isEqualTo(
            "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"}]");
    assertThat(app.path("resources").path("limits").toString())
        .isEqualTo("{\"cpu\":\"2\",\"memory\":\"1Gi\"}");
  }

  @Test
  void render_strategicMergePatchWithNull_removesTheField() throws IOException {
    write("kustomization.yaml", "resources:\n  - web.yaml\npatches:\n  - path: patch.yaml\n");
    write("web.yaml", DEPLOYMENT);
    write(
        "patch.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: null\n");

    assertThat(Kustomize.render(folder).get(0).path("spec").has("replicas")).isFalse();
  }

  @Test
  void render_mergePatchOfCustomResource_mergesMaps() throws IOException {
    write("kustomization.yaml", "resources:\n  - widget.yaml\npatches:\n  - path: patch.yaml\n");
    write("widget.yaml", CUSTOM);
    write(
        "patch.yaml",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  config:\n    b: 20\n");

    assertThat(Kustomize.render(folder).get(0).path("spec").path("config").toString())
        .isEqualTo("{\"a\":1,\"b\":20}");
  }

  @Test
  void render_mergePatchOfCustomResourceWithList_isRefused() throws IOException {
    write("kustomization.yaml", "resources:\n  - widget.yaml\npatches:\n  - path: patch.yaml\n");
    write("widget.yaml", CUSTOM);
    write(
        "patch.yaml",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  items:\n    - type: y\n");

    assertThatThrownBy(() -> Kustomize.render(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/spec/items is a list in a merge patch of a custom resource");
  }

  @Test
  void render_jsonPatchOnTarget_replacesThePath() throws IOException {
    write(
        "kustomization.yaml",
        """
        resources:
          - widget.yaml
        patches:
          - target:
              group: example.com
              kind: Widget
              name: w
            patch: |-
              - op: replace
                path: /spec/items/0/type
                value: z
              - op: add
                path: /spec/items/-
                value: {type: last}
        """);
    write("widget.yaml", CUSTOM);

    assertThat(Kustomize.render(folder).get(0).path("spec").path("items").toString())
        .isEqualTo("[{\"type\":\"z\",\"size\":1},{\"type\":\"last\"}]");
  }

  @Test
  void render_jsonPatchOfMissingPath_isRefused() throws IOException {
    write(
        "kustomization.yaml",
        """
        resources:
          - widget.yaml
        patches:
          - target:
              kind: Widget
            patch: |-
              - op: replace
                path: /spec/nothing/here
                value: z
        """);
    write("widget.yaml", CUSTOM);

    assertThatThrownBy(() -> Kustomize.render(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/spec/nothing/here does not exist");
  }

  @Test
  void render_patchOfNoResource_isRefused() throws IOException {
    write("kustomization.yaml", "resources:\n  - web.yaml\npatches:\n  - path: patch.yaml\n");
    write("web.yaml", DEPLOYMENT);
    write(
        "patch.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\nspec:\n  replicas: 1\n");

    assertThatThrownBy(() -> Kustomize.render(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patch of Deployment/other matches no resource");
  }

  @Test
  void render_configMapGenerator_makesConfigMapFromFilesAndMergesLiterals() throws IOException {
    write(
        "kustomization.yaml",
        """
        resources:
          - config.yaml
        configMapGenerator:
          - name: files
            files:
              - a.json
              - renamed=b.json
          - name: config
            behavior: merge
            literals:
              - KEY=new
        generatorOptions:
          disableNameSuffixHash: true
        """);
    write(
        "config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\ndata:\n  KEY: old\n  OTHER: kept\n");
    write("a.json", "{\"a\": 1}\n");
    write("b.json", "{}");

    List<ObjectNode> rendered = Kustomize.render(folder);

    assertThat(rendered.get(0).path("data").toString())
        .isEqualTo("{\"KEY\":\"new\",\"OTHER\":\"kept\"}");
    assertThat(rendered.get(1).path("data").toString())
        .isEqualTo("{\"a.json\":\"{\\\"a\\\": 1}\\n\",\"renamed\":\"{}\"}");
  }

  @Test
  void render_configMapGeneratorWithHashedNames_isRefused() throws IOException {
    write(
        "kustomization.yaml", "configMapGenerator:\n  - name: files\n    literals:\n      - A=1\n");

    assertThatThrownBy(() -> Kustomize.render(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disableNameSuffixHash: true");
  }

  @Test
  void render_unsupportedField_isRefused() throws IOException {
    write("kustomization.yaml", "namePrefix: dev-\nresources:\n  - web.yaml\n");
    write("web.yaml", DEPLOYMENT);

    assertThatThrownBy(() -> Kustomize.render(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field \"namePrefix\" is not supported");
  }

  @Test
  void render_twoResourcesWithOneId_isRefused() throws IOException {
    write("kustomization.yaml", "resources:\n  - web.yaml\n  - again.yaml\n");
    write("web.yaml", DEPLOYMENT);
    write("again.yaml", DEPLOYMENT);

    assertThatThrownBy(() -> Kustomize.render(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two resources are Deployment/web");
  }

  private static JsonNode podSpec(ObjectNode deployment) {
    return deployment.path("spec").path("template").path("spec");
  }

  private void write(String relative, String text) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
