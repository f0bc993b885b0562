package dev.abr.ingest.live.srt;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A caller's {@code SRTO_STREAMID}, parsed: either a plain id (the whole string, taken as a publish
 * of that resource) or the SRT Access Control syntax {@code #!::key=value,...} (libsrt {@code
 * docs/features/access-control.md}) with the standard keys {@code r} (resource), {@code u} (user)
 * and {@code m} (mode). Other keys ({@code h}, {@code s}, {@code t}, custom ones) are accepted and
 * ignored. As the specification says, a missing {@code m} means {@code request}: a caller that
 * wants to publish with the access-control syntax says {@code m=publish}.
 *
 * @param resource what the caller asks for; chosen by the caller, so it may hold anything: log it
 *     only through {@link #printable(String)}
 * @param user the {@code u} key, if given
 * @param mode the {@code m} key in lower case, {@code publish} for a plain id
 */
record SrtStreamId(String resource, Optional<String> user, String mode) {
  /** libsrt's limit on {@code SRTO_STREAMID}, in bytes. */
  static final int MAX_LENGTH = 512;

  private static final String ACCESS_CONTROL_PREFIX = "#!::";
  private static final int PRINTABLE_LENGTH = 64;

  /** True when the caller asks to publish. */
  boolean publishes() {
    return mode.equals("publish");
  }

  /**
   * Parses {@code raw}.
   *
   * @throws IllegalArgumentException when it is empty, longer than {@value #MAX_LENGTH}, or not
   *     valid access-control syntax; the message never quotes {@code raw}
   */
  static SrtStreamId parse(String raw) {
    if (raw.isEmpty() || raw.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "stream id must be 1 to " + MAX_LENGTH + " characters, got " + raw.length());
    }
    if (!raw.startsWith("#!")) {
      return new SrtStreamId(raw, Optional.empty(), "publish");
    }
    if (!raw.startsWith(ACCESS_CONTROL_PREFIX)) {
      throw new IllegalArgumentException(
          "stream id starts with #! but not #!:: (nested syntax is not supported)");
    }
    Map<String, String> keys = new HashMap<>();
    for (String pair : raw.substring(ACCESS_CONTROL_PREFIX.length()).split(",", -1)) {
      int equals = pair.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("stream id has an item that is not key=value");
      }
      if (keys.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
        throw new IllegalArgumentException("stream id repeats a key");
      }
    }
    String resource = keys.getOrDefault("r", "");
    if (resource.isEmpty()) {
      throw new IllegalArgumentException("stream id has no resource (r=)");
    }
    String mode = keys.getOrDefault("m", "request").toLowerCase(java.util.Locale.ROOT);
    return new SrtStreamId(resource, Optional.ofNullable(keys.get("u")), mode);
  }

  /**
   * {@code text} made safe for a log line: characters other than {@code [A-Za-z0-9._~/:@-]} become
   * {@code ?}, and it is cut to 64 characters (then ends with {@code ...}).
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), PRINTABLE_LENGTH + 3));
    for (int i = 0; i < text.length() && i < PRINTABLE_LENGTH; i++) {
      char c = text.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "._~/:@-".indexOf(c) >= 0;
      out.append(safe ? c : '?');
    }
    if (text.length() > PRINTABLE_LENGTH) {
      out.append("...");
    }
    return out.toString();
  }

  /** Shows the resource only, made printable. */
  @Override
  public String toString() {
    return "SrtStreamId[" + printable(resource) + ", m=" + printable(mode) + "]";
  }
}
