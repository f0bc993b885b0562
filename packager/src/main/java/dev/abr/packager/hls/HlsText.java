package dev.abr.packager.hls;

/** The lexical rules of playlist values, checked where records are built. */
final class HlsText {
  private HlsText() {}

  /**
   * Returns {@code value} if it can be written as a quoted-string: not empty, no double quote, no
   * control character.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String quotedString(String attribute, String value) {
    // RFC 8216 §4.2: a quoted-string MUST NOT contain CR, LF or '"'; §4.1 forbids other controls.
    if (value.isEmpty() || value.indexOf('"') >= 0 || hasControl(value)) {
      throw new IllegalArgumentException(
          attribute
              + " must be a non-empty quoted-string without '\"' or control characters: \""
              + printable(value)
              + "\"");
    }
    return value;
  }

  /**
   * Returns {@code uri} if it can stand on a URI line: not empty, no control character, not
   * starting with {@code #} (which would make it a tag or comment).
   *
   * @throws IllegalArgumentException otherwise
   */
  static String uriLine(String what, String uri) {
    // RFC 8216 §4.1: a line that starts with '#' is a tag or a comment, any other one is a URI.
    if (uri.isEmpty() || uri.startsWith("#") || uri.strip().length() != uri.length()) {
      throw new IllegalArgumentException(
          what + " must be a non-empty URI not starting with '#': \"" + printable(uri) + "\"");
    }
    return quotedString(what, uri);
  }

  private static boolean hasControl(String value) {
    return value.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
  }

  private static String printable(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }
}
