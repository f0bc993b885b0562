package dev.abr.cmaf.box;

import java.nio.charset.StandardCharsets;

/**
 * A four-character code: a box type or a brand (ISO/IEC 14496-12 §4.2), stored as its 32-bit
 * big-endian value.
 *
 * @param value the four bytes as a big-endian int
 */
public record FourCc(int value) {
  /**
   * Returns the code of a four-character text such as {@code "moov"} or {@code "url "}.
   *
   * @throws IllegalArgumentException unless {@code text} is exactly four characters in
   *     U+0000..U+00FF
   */
  public static FourCc of(String text) {
    if (text.length() != 4) {
      throw new IllegalArgumentException(
          "a four-character code needs 4 characters: \"" + text + "\"");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        throw new IllegalArgumentException("not a four-character code: \"" + text + "\"");
      }
      value = (value << 8) | c;
    }
    return new FourCc(value);
  }

  /** Returns true if all four bytes are printable ASCII (U+0020..U+007E). */
  public boolean isPrintable() {
    for (int shift = 24; shift >= 0; shift -= 8) {
      int b = (value >>> shift) & 0xFF;
      if (b < 0x20 || b > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Returns the four characters, or {@code 0x} and eight hex digits if they are not printable. */
  @Override
  public String toString() {
    if (!isPrintable()) {
      return String.format(java.util.Locale.ROOT, "0x%08x", value);
    }
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
