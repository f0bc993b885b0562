package dev.abr.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.abr.core.json.Json;
import dev.abr.core.ladder.Ladder;
import tools.jackson.databind.JsonNode;

/**
 * The {@code ladder} of a job document: the name of a built-in ladder, the path of a ladder file,
 * or a ladder written inline. In JSON it is a string (a path when it ends in {@code .json}, a
 * built-in name otherwise) or an object.
 */
public sealed interface LadderChoice
    permits LadderChoice.BuiltIn, LadderChoice.InFile, LadderChoice.Inline {

  /**
   * Reads the JSON form: an object is an inline ladder, a string ending in {@code .json} a file,
   * any other string a built-in name.
   *
   * @throws IllegalArgumentException if {@code json} is neither a string nor an object, or breaks
   *     the rules of the variant
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static LadderChoice fromJson(JsonNode json) {
    if (json.isString()) {
      return parse(json.asString());
    }
    if (json.isObject()) {
      return new Inline(Json.mapper().treeToValue(json, Ladder.class));
    }
    throw new IllegalArgumentException(
        "ladder must be a built-in name, a .json file path or a ladder object, not " + json);
  }

  /**
   * Reads the string form: a path when {@code text} ends in {@code .json}, a built-in name
   * otherwise.
   */
  static LadderChoice parse(String text) {
    return text.endsWith(".json") ? new InFile(text) : new BuiltIn(text);
  }

  /**
   * A built-in ladder, for example {@code default}.
   *
   * @param name its name ({@code [A-Za-z0-9_-]{1,64}}); whether it exists is checked when it is
   *     resolved
   */
  record BuiltIn(@JsonValue String name) implements LadderChoice {
    public BuiltIn {
      dev.abr.core.id.Ids.check("built-in ladder name", name);
    }
  }

  /**
   * A ladder file.
   *
   * @param path its path, ending in {@code .json}; a relative path is resolved by the reader of the
   *     job document (normally against its working directory)
   */
  record InFile(@JsonValue String path) implements LadderChoice {
    public InFile {
      if (!path.endsWith(".json")
          || path.isBlank()
          || path.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "ladder file \""
                + path.replaceAll("\\p{Cntrl}", "?")
                + "\" must be a path ending in .json, without control characters");
      }
    }
  }

  /**
   * A ladder written inside the job document.
   *
   * @param ladder the ladder
   */
  record Inline(@JsonValue Ladder ladder) implements LadderChoice {}
}
