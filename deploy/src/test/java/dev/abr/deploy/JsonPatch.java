package dev.abr.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of a JSON patch (RFC 6902) that kustomization patches use here: {@code add},
 * {@code replace} and {@code remove}, with JSON pointers (RFC 6901). Others are refused.
 */
final class JsonPatch {
  private JsonPatch() {}

  /**
   * Applies {@code operations} to {@code document} in place.
   *
   * @param where names the patch and its target in messages
   * @throws IllegalArgumentException if an operation is unsupported or its path does not exist
   *     where it must
   */
  static void apply(ObjectNode document, ArrayNode operations, String where) {
    for (JsonNode operation : operations) {
      for (String field : operation.propertyNames()) {
        if (!Set.of("op", "path", "value").contains(field)) {
          throw new IllegalArgumentException(
              where + ": JSON patch field \"" + field + "\" is not supported");
        }
      }
      String op = operation.path("op").asString();
      String path = operation.path("path").asString();
      List<String> tokens = tokens(path, where);
      if (tokens.isEmpty()) {
        throw new IllegalArgumentException(
            where + ": a JSON patch of the whole document is not supported");
      }
      JsonNode parent = document;
      for (String token : tokens.subList(0, tokens.size() - 1)) {
        parent = child(parent, token, path, where);
      }
      String last = tokens.get(tokens.size() - 1);
      switch (op) {
        case "add" -> add(parent, last, value(operation, where), path, where);
        case "replace" -> {
          child(parent, last, path, where);
          set(parent, last, value(operation, where), path, where);
        }
        case "remove" -> {
          child(parent, last, path, where);
          if (parent instanceof ObjectNode object) {
            object.remove(last);
          } else {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
          }
        }
        default ->
            throw new IllegalArgumentException(
                where + ": JSON patch op \"" + op + "\" is not supported");
      }
    }
  }

  private static JsonNode value(JsonNode operation, String where) {
    if (!operation.has("value")) {
      throw new IllegalArgumentException(
          where + ": JSON patch " + operation.path("op").asString() + " needs a value");
    }
    return operation.get("value").deepCopy();
  }

  private static void add(
      JsonNode parent, String token, JsonNode value, String path, String where) {
    if (parent instanceof ObjectNode object) {
      object.set(token, value);
    } else if (parent instanceof ArrayNode array) {
      if (token.equals("-")) {
        array.add(value);
      } else {
        int index = index(token, array.size() + 1, path, where);
        array.insert(index, value);
      }
    } else {
      throw new IllegalArgumentException(where + ": " + path + ": the parent is not a map or list");
    }
  }

  private static void set(
      JsonNode parent, String token, JsonNode value, String path, String where) {
    if (parent instanceof ObjectNode object) {
      object.set(token, value);
    } else {
      ArrayNode array = (ArrayNode) parent;
      array.set(index(token, array.size(), path, where), value);
    }
  }

  private static JsonNode child(JsonNode parent, String token, String path, String where) {
    JsonNode child;
    if (parent instanceof ObjectNode object) {
      child = object.get(token);
    } else if (parent instanceof ArrayNode array) {
      child = array.get(index(token, array.size(), path, where));
    } else {
      child = null;
    }
    if (child == null) {
      throw new IllegalArgumentException(where + ": JSON patch path " + path + " does not exist");
    }
    return child;
  }

  private static int index(String token, int size, String path, String where) {
    if (!token.matches("0|[1-9][0-9]*") || Integer.parseInt(token) >= size) {
      throw new IllegalArgumentException(
          where + ": JSON patch path " + path + ": no index " + token);
    }
    return Integer.parseInt(token);
  }

  private static List<String> tokens(String pointer, String where) {
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException(where + ": JSON pointer must start with /: " + pointer);
    }
    List<String> tokens = new ArrayList<>();
    for (String token : pointer.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }
}
