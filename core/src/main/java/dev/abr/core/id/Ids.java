package dev.abr.core.id;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/** Identifiers that end up in storage keys and URLs: {@code [A-Za-z0-9_-]{1,64}}, nothing else. */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private Ids() {}

  /** Returns true if {@code value} is a valid id. */
  public static boolean isValid(String value) {
    return ID.matcher(value).matches();
  }

  /**
   * Returns {@code value} if it is a valid id.
   *
   * @param what what the id names, for the error message ("stream id", "rendition name")
   * @throws IllegalArgumentException naming the rule otherwise
   */
  public static String check(String what, String value) {
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          what + " \"" + printable(value) + "\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
    }
    return value;
  }

  /** Returns a random id of {@code length} lower-case letters and digits. */
  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /**
   * Derives a valid id from free text such as a file name: lower-cases it, keeps letters, digits,
   * {@code _} and {@code -}, turns any other run of characters into one {@code -}, and trims it to
   * at most {@code maxLength} (and never more than 64) characters; {@code "media"} if nothing is
   * left.
   *
   * @throws IllegalArgumentException if {@code maxLength} is below 5
   */
  public static String slug(String text, int maxLength) {
    if (maxLength < 5) {
      throw new IllegalArgumentException("slug maxLength must be at least 5: " + maxLength);
    }
    int limit = Math.min(maxLength, 64);
    String slug =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > limit) {
      slug = slug.substring(0, limit).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "media" : slug;
  }

  private static String printable(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
