package dev.abr.core.storage;

import java.util.regex.Pattern;

/**
 * The rule every storage key follows: relative, {@code /}-separated, no {@code ..}, no oddities.
 */
public final class StorageKeys {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private StorageKeys() {}

  /**
   * Returns {@code key} if every {@code /}-separated part is 1-128 of {@code A-Z a-z 0-9 _ . -},
   * does not start with a dot, and the key is at most 1024 characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String check(String key) {
    if (key.isEmpty() || key.length() > 1024) {
      throw new IllegalArgumentException(
          "storage key must be 1 to 1024 characters: \"" + key + "\"");
    }
    for (String part : key.split("/", -1)) {
      if (!SEGMENT.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "storage key \""
                + key.replaceAll("\\p{Cntrl}", "?")
                + "\" has a bad part \""
                + part.replaceAll("\\p{Cntrl}", "?")
                + "\" (parts use A-Z a-z 0-9 _ . - and do not start with a dot)");
      }
    }
    return key;
  }

  /** Joins a prefix (may be empty) and a relative key with {@code /}. */
  public static String join(String prefix, String key) {
    if (prefix.isEmpty()) {
      return key;
    }
    return prefix.endsWith("/") ? prefix + key : prefix + "/" + key;
  }
}
