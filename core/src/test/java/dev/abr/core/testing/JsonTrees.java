package dev.abr.core.testing;

import dev.abr.core.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Edits of JSON trees for tests that start from a valid document and break one thing. Every method
 * returns a changed deep copy and leaves its argument alone.
 */
public final class JsonTrees {
  private JsonTrees() {}

  /** The tree of {@code value} as {@link Json} writes it. */
  public static JsonNode of(Object value) {
    return Json.mapper().valueToTree(value);
  }

  /** The tree of JSON text. */
  public static JsonNode parse(String json) {
    return Json.mapper().readTree(json);
  }

  /**
   * Returns a copy of {@code root} with the value at JSON pointer {@code pointer} (for example
   * {@code /video/rungs/0/height}) set to {@code value} (converted as {@link Json} would write it;
   * {@code null} writes a JSON null). The parent must exist.
   */
  public static JsonNode with(JsonNode root, String pointer, @Nullable Object value) {
    JsonNode copy = root.deepCopy();
    JsonNode node = Json.mapper().valueToTree(value);
    JsonNode parent = parentOf(copy, pointer);
    String last = lastToken(pointer);
    if (parent instanceof ObjectNode object) {
      object.set(last, node);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), node);
    } else {
      throw new IllegalArgumentException("no object or array holds " + pointer);
    }
    return copy;
  }

  /** Returns a copy of {@code root} without the value at JSON pointer {@code pointer}. */
  public static JsonNode without(JsonNode root, String pointer) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = parentOf(copy, pointer);
    String last = lastToken(pointer);
    if (parent instanceof ObjectNode object) {
      if (object.remove(last) == null) {
        throw new IllegalArgumentException("nothing at " + pointer);
      }
    } else if (parent instanceof ArrayNode array) {
      array.remove(Integer.parseInt(last));
    } else {
      throw new IllegalArgumentException("no object or array holds " + pointer);
    }
    return copy;
  }

  /** The UTF-8 bytes of {@code tree}. */
  public static byte[] bytes(JsonNode tree) {
    return Json.write(tree);
  }

  private static JsonNode parentOf(JsonNode root, String pointer) {
    int slash = pointer.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a JSON pointer: " + pointer);
    }
    return slash == 0 ? root : root.at(pointer.substring(0, slash));
  }

  private static String lastToken(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }
}
