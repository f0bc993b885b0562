package dev.abr.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization folder as {@code kubectl kustomize} does, for the features the manifests
 * under {@code deploy/k8s} use, so tests can check what an overlay applies without a cluster or the
 * kustomize binary. Anything else is refused with an {@link IllegalArgumentException} naming the
 * file, so an overlay cannot silently rely on a feature this loader would render wrong.
 *
 * <p>Supported, applied in this order:
 *
 * <ol>
 *   <li>{@code resources}: YAML files (one or more documents) and folders with a {@code
 *       kustomization.yaml}, rendered first; two resources with the same kind, name and namespace
 *       are an error;
 *   <li>{@code configMapGenerator}: {@code files} (key = file name, or {@code key=path}), {@code
 *       literals} ({@code KEY=value}), {@code behavior} {@code create}, {@code merge} or {@code
 *       replace}; only with {@code generatorOptions.disableNameSuffixHash: true}, because hashed
 *       names would need every reference rewritten;
 *   <li>{@code patches}, in order: a document that is a list is a JSON patch (RFC 6902: {@code
 *       add}, {@code replace}, {@code remove}) and needs a {@code target}; a map is a strategic
 *       merge patch of the resource it names (or of its {@code target}s). For the built-in kinds,
 *       lists merge by the Kubernetes patch merge keys ({@code containers} by {@code name}, {@code
 *       volumeMounts} by {@code mountPath}, …) and other lists are replaced; for custom resources a
 *       merge patch may not contain lists (kustomize merges those by guessed keys such as {@code
 *       type}: use a JSON patch);
 *   <li>{@code namespace}: set on every namespaced resource;
 *   <li>{@code images}: {@code name} → {@code newName}, {@code newTag}, {@code digest} in the
 *       containers and init containers of pod templates;
 *   <li>{@code replicas}: {@code name}, {@code count} on Deployments and StatefulSets.
 * </ol>
 */
final class Kustomize {
  static final String FILE_NAME = "kustomization.yaml";

  // Documents are read one at a time from a stream of several: what follows one is not an error.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "resources",
          "configMapGenerator",
          "generatorOptions",
          "patches",
          "namespace",
          "images",
          "replicas");

  /** API versions whose kinds have a published schema: strategic merge uses their merge keys. */
  private static final Set<String> BUILT_IN_API_VERSIONS =
      Set.of("v1", "apps/v1", "batch/v1", "policy/v1", "networking.k8s.io/v1", "autoscaling/v2");

  private static final Set<String> CLUSTER_SCOPED_KINDS =
      Set.of(
          "Namespace",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "PersistentVolume",
          "StorageClass",
          "PriorityClass");

  /**
   * Patch merge keys of the built-in lists we patch (Kubernetes API, x-kubernetes-patch-merge-key).
   */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "env", "name",
          "volumes", "name",
          "volumeMounts", "mountPath",
          "imagePullSecrets", "name");

  private Kustomize() {}

  /**
   * The resources {@code folder}'s kustomization produces, in kustomize's output order of resources
   * (resources first, then generated ConfigMaps).
   *
   * @throws IllegalArgumentException if the kustomization uses a feature this loader does not
   *     support, or a patch or a reference does not apply
   * @throws UncheckedIOException if a file cannot be read
   */
  static List<ObjectNode> render(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    ObjectNode kustomization = readSingle(file);
    for (String field : kustomization.propertyNames()) {
      require(
          FIELDS.contains(field),
          file,
          "field \"" + field + "\" is not supported by the test loader");
    }
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path path = folder.resolve(entry.asString()).normalize();
      if (Files.isDirectory(path)) {
        resources.addAll(render(path));
      } else {
        resources.addAll(readAll(path));
      }
    }
    generateConfigMaps(file, kustomization, resources);
    for (JsonNode patch : kustomization.path("patches")) {
      applyPatch(file, folder, patch, resources);
    }
    if (kustomization.has("namespace")) {
      String namespace = kustomization.get("namespace").asString();
      for (ObjectNode resource : resources) {
        if (!CLUSTER_SCOPED_KINDS.contains(resource.path("kind").asString())) {
          metadata(resource).put("namespace", namespace);
        }
      }
    }
    for (JsonNode image : kustomization.path("images")) {
      setImage(file, image, resources);
    }
    for (JsonNode replica : kustomization.path("replicas")) {
      setReplicas(file, replica, resources);
    }
    checkUnique(file, resources);
    return resources;
  }

  /** Every document of a YAML file that is not empty, as objects. */
  static List<ObjectNode> readAll(Path file) {
    List<ObjectNode> objects = new ArrayList<>();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode document : documents(text, file.toString())) {
      require(document.isObject(), file, "a document is not a map");
      objects.add((ObjectNode) document);
    }
    return objects;
  }

  /**
   * The non-empty documents of a YAML stream. Read one by one from the parser: an {@code
   * ObjectReader.readValues} iterator would unwrap a document that is a list into its items.
   */
  static List<JsonNode> documents(String text, String source) {
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      while (parser.nextToken() != null) {
        JsonNode document = YAML.readTree(parser);
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          documents.add(document);
        }
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": not YAML: " + e.getOriginalMessage(), e);
    }
    return documents;
  }

  /** The one document of a YAML file. */
  static ObjectNode readSingle(Path file) {
    List<ObjectNode> documents = readAll(file);
    require(documents.size() == 1, file, "expected one document, found " + documents.size());
    return documents.get(0);
  }

  private static void generateConfigMaps(
      Path file, ObjectNode kustomization, List<ObjectNode> resources) {
    if (!kustomization.has("configMapGenerator")) {
      return;
    }
    require(
        kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false),
        file,
        "configMapGenerator needs generatorOptions.disableNameSuffixHash: true (hashed names are"
            + " not supported)");
    for (String field : kustomization.path("generatorOptions").propertyNames()) {
      require(
          field.equals("disableNameSuffixHash"),
          file,
          "generatorOptions field \"" + field + "\" is not supported");
    }
    for (JsonNode generator : kustomization.get("configMapGenerator")) {
      for (String field : generator.propertyNames()) {
        require(
            Set.of("name", "files", "literals", "behavior").contains(field),
            file,
            "configMapGenerator field \"" + field + "\" is not supported");
      }
      String name = generator.path("name").asString();
      Map<String, String> data = new LinkedHashMap<>();
      for (JsonNode entry : generator.path("files")) {
        String text = entry.asString();
        int equals = text.indexOf('=');
        String key =
            equals < 0 ? Path.of(text).getFileName().toString() : text.substring(0, equals);
        Path source = file.getParent().resolve(equals < 0 ? text : text.substring(equals + 1));
        try {
          data.put(key, Files.readString(source));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              file + ": configMapGenerator " + name + ": cannot read " + source, e);
        }
      }
      for (JsonNode entry : generator.path("literals")) {
        String text = entry.asString();
        int equals = text.indexOf('=');
        require(equals > 0, file, "literal without KEY=: " + text);
        data.put(text.substring(0, equals), text.substring(equals + 1));
      }
      String behavior = generator.path("behavior").asString("create");
      Optional<ObjectNode> existing = find(resources, "v1", "ConfigMap", name);
      switch (behavior) {
        case "create" -> {
          require(
              existing.isEmpty(),
              file,
              "ConfigMap " + name + " exists already: use behavior merge");
          ObjectNode configMap = NODES.objectNode();
          configMap.put("apiVersion", "v1");
          configMap.put("kind", "ConfigMap");
          configMap.putObject("metadata").put("name", name);
          ObjectNode values = configMap.putObject("data");
          data.forEach(values::put);
          resources.add(configMap);
        }
        case "merge", "replace" -> {
          ObjectNode configMap =
              existing.orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          file + ": no ConfigMap " + name + " to " + behavior));
          if (behavior.equals("replace")) {
            configMap.putObject("data");
          }
          ObjectNode values =
              configMap.has("data")
                  ? (ObjectNode) configMap.get("data")
                  : configMap.putObject("data");
          data.forEach(values::put);
        }
        default -> throw new IllegalArgumentException(file + ": unknown behavior " + behavior);
      }
    }
  }

  private static void applyPatch(
      Path file, Path folder, JsonNode entry, List<ObjectNode> resources) {
    for (String field : entry.propertyNames()) {
      require(
          Set.of("path", "patch", "target").contains(field),
          file,
          "patches field \"" + field + "\" is not supported");
    }
    require(
        entry.has("path") != entry.has("patch"),
        file,
        "a patch needs exactly one of path and patch");
    List<JsonNode> documents;
    if (entry.has("path")) {
      Path path = folder.resolve(entry.get("path").asString());
      try {
        documents = documents(Files.readString(path), path.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      documents = documents(entry.get("patch").asString(), file + " (inline patch)");
    }
    Optional<JsonNode> target = Optional.ofNullable(entry.get("target"));
    for (JsonNode document : documents) {
      if (document.isArray()) {
        require(target.isPresent(), file, "a JSON patch needs a target");
        List<ObjectNode> matched = select(file, target.get(), resources);
        for (ObjectNode resource : matched) {
          JsonPatch.apply(resource, (ArrayNode) document, file + " on " + describe(resource));
        }
      } else {
        require(document.isObject(), file, "a patch is neither a list nor a map");
        List<ObjectNode> matched =
            target.isPresent()
                ? select(file, target.get(), resources)
                : List.of(
                    find(
                            resources,
                            document.path("apiVersion").asString(),
                            document.path("kind").asString(),
                            document.path("metadata").path("name").asString())
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    file
                                        + ": patch of "
                                        + describe(document)
                                        + " matches no resource")));
        for (ObjectNode resource : matched) {
          boolean builtIn = BUILT_IN_API_VERSIONS.contains(resource.path("apiVersion").asString());
          merge(resource, (ObjectNode) document, builtIn, file + " on " + describe(resource), "");
        }
      }
    }
  }

  private static List<ObjectNode> select(Path file, JsonNode target, List<ObjectNode> resources) {
    for (String field : target.propertyNames()) {
      require(
          Set.of("group", "version", "kind", "name").contains(field),
          file,
          "target field \"" + field + "\" is not supported");
    }
    List<ObjectNode> matched = new ArrayList<>();
    for (ObjectNode resource : resources) {
      String apiVersion = resource.path("apiVersion").asString();
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String version = apiVersion.substring(slash + 1);
      if (matches(target, "group", group)
          && matches(target, "version", version)
          && matches(target, "kind", resource.path("kind").asString())
          && matches(target, "name", resource.path("metadata").path("name").asString())) {
        matched.add(resource);
      }
    }
    require(!matched.isEmpty(), file, "patch target " + target + " matches no resource");
    return matched;
  }

  private static boolean matches(JsonNode target, String field, String value) {
    return !target.has(field) || target.get(field).asString().equals(value);
  }

  /**
   * Strategic merge (built-in kinds) or JSON merge patch (custom resources) of {@code patch} into
   * {@code target}: maps merge, null removes, scalars replace.
   */
  private static void merge(
      ObjectNode target, ObjectNode patch, boolean builtIn, String where, String path) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      String fieldPath = path + "/" + name;
      if (name.startsWith("$")) {
        throw new IllegalArgumentException(
            where + ": patch directive " + fieldPath + " is not supported");
      }
      JsonNode current = target.get(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject() && current != null && current.isObject()) {
        merge((ObjectNode) current, (ObjectNode) value, builtIn, where, fieldPath);
      } else if (value.isArray()) {
        if (!builtIn) {
          throw new IllegalArgumentException(
              where
                  + ": "
                  + fieldPath
                  + " is a list in a merge patch of a custom resource: use a JSON patch");
        }
        Optional<String> key = mergeKey(name, (ArrayNode) value);
        if (key.isPresent() && current != null && current.isArray()) {
          mergeList((ArrayNode) current, (ArrayNode) value, key.get(), where, fieldPath);
        } else {
          target.set(name, value.deepCopy());
        }
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }

  private static Optional<String> mergeKey(String field, ArrayNode items) {
    if (MERGE_KEYS.containsKey(field)) {
      return Optional.of(MERGE_KEYS.get(field));
    }
    if (field.equals("ports") && items.size() > 0) {
      // Container ports merge by containerPort, Service ports by port.
      return Optional.of(items.get(0).has("containerPort") ? "containerPort" : "port");
    }
    return Optional.empty();
  }

  private static void mergeList(
      ArrayNode target, ArrayNode patch, String key, String where, String path) {
    for (JsonNode item : patch) {
      if (!item.isObject() || !item.has(key)) {
        throw new IllegalArgumentException(
            where + ": an item of " + path + " has no merge key " + key);
      }
      ObjectNode match = null;
      for (JsonNode existing : target) {
        if (existing.path(key).equals(item.get(key))) {
          match = (ObjectNode) existing;
        }
      }
      if (match == null) {
        target.add(item.deepCopy());
      } else {
        merge(
            match,
            (ObjectNode) item,
            true,
            where,
            path + "[" + key + "=" + item.get(key).asString() + "]");
      }
    }
  }

  private static void setImage(Path file, JsonNode image, List<ObjectNode> resources) {
    for (String field : image.propertyNames()) {
      require(
          Set.of("name", "newName", "newTag", "digest").contains(field),
          file,
          "images field \"" + field + "\" is not supported");
    }
    String name = image.path("name").asString();
    boolean found = false;
    for (ObjectNode resource : resources) {
      for (ObjectNode container : podContainers(resource)) {
        String current = container.path("image").asString();
        String currentName = imageName(current);
        if (!currentName.equals(name)) {
          continue;
        }
        String newName = image.path("newName").asString(currentName);
        String suffix = current.substring(currentName.length());
        if (image.has("digest")) {
          suffix = "@" + image.get("digest").asString();
        } else if (image.has("newTag")) {
          suffix = ":" + image.get("newTag").asString();
        }
        container.put("image", newName + suffix);
        found = true;
      }
    }
    require(found, file, "images entry " + name + " matches no container");
  }

  /** An image reference without its tag or digest. */
  static String imageName(String image) {
    int at = image.indexOf('@');
    String withoutDigest = at < 0 ? image : image.substring(0, at);
    int colon = withoutDigest.lastIndexOf(':');
    int slash = withoutDigest.lastIndexOf('/');
    return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  /** The containers and init containers of a resource's pod template, if it has one. */
  static List<ObjectNode> podContainers(ObjectNode resource) {
    JsonNode podSpec =
        resource.path("kind").asString().equals("CronJob")
            ? resource.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
            : resource.path("spec").path("template").path("spec");
    List<ObjectNode> containers = new ArrayList<>();
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode container : podSpec.path(list)) {
        containers.add((ObjectNode) container);
      }
    }
    return containers;
  }

  private static void setReplicas(Path file, JsonNode replica, List<ObjectNode> resources) {
    for (String field : replica.propertyNames()) {
      require(
          Set.of("name", "count").contains(field),
          file,
          "replicas field \"" + field + "\" is not supported");
    }
    String name = replica.path("name").asString();
    boolean found = false;
    for (ObjectNode resource : resources) {
      String kind = resource.path("kind").asString();
      if ((kind.equals("Deployment") || kind.equals("StatefulSet"))
          && resource.path("metadata").path("name").asString().equals(name)) {
        ((ObjectNode) resource.get("spec")).put("replicas", replica.path("count").asInt());
        found = true;
      }
    }
    require(found, file, "replicas entry " + name + " matches no Deployment or StatefulSet");
  }

  private static void checkUnique(Path file, List<ObjectNode> resources) {
    Set<String> ids = new HashSet<>();
    for (ObjectNode resource : resources) {
      String id =
          describe(resource)
              + " in "
              + resource.path("metadata").path("namespace").asString("(none)");
      require(ids.add(id), file, "two resources are " + id);
    }
  }

  private static Optional<ObjectNode> find(
      List<ObjectNode> resources, String apiVersion, String kind, String name) {
    return resources.stream()
        .filter(r -> r.path("apiVersion").asString().equals(apiVersion))
        .filter(r -> r.path("kind").asString().equals(kind))
        .filter(r -> r.path("metadata").path("name").asString().equals(name))
        .findFirst();
  }

  private static ObjectNode metadata(ObjectNode resource) {
    return resource.has("metadata")
        ? (ObjectNode) resource.get("metadata")
        : resource.putObject("metadata");
  }

  /** {@code Kind/name}, for messages. */
  static String describe(JsonNode resource) {
    return resource.path("kind").asString()
        + "/"
        + resource.path("metadata").path("name").asString();
  }

  private static void require(boolean condition, Path file, String message) {
    if (!condition) {
      throw new IllegalArgumentException(file + ": " + message);
    }
  }
}
