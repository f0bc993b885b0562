package dev.abr.packager.origin;

import dev.abr.core.storage.StorageKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Turns the raw path of a request into a storage key, or nothing if it names no valid key. */
final class RequestKeys {
  private RequestKeys() {}

  /**
   * Returns the key for {@code rawPath} (the request target's path, still percent-encoded, starting
   * with {@code /}): percent-decoded as UTF-8, leading {@code /} removed, then accepted only if
   * {@link StorageKeys#check} accepts it. That rejects {@code ..} and {@code .} parts however they
   * were encoded, hidden and temporary files ({@code .tmp-*}), empty parts and any character
   * outside {@code A-Z a-z 0-9 _ . -}.
   */
  static Optional<String> fromRawPath(String rawPath) {
    if (!rawPath.startsWith("/")) {
      return Optional.empty();
    }
    Optional<String> decoded = percentDecode(rawPath.substring(1));
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StorageKeys.check(decoded.get()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** RFC 3986 §2.1 percent-decoding; empty for a malformed escape or invalid UTF-8. */
  private static Optional<String> percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return Optional.of(text);
    }
    var bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= text.length()) {
        return Optional.empty();
      }
      int high = Character.digit(text.charAt(i + 1), 16);
      int low = Character.digit(text.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return Optional.empty();
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
