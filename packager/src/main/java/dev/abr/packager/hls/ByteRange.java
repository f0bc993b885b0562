package dev.abr.packager.hls;

import java.util.OptionalLong;

/**
 * A sub-range of a resource, written as {@code EXT-X-BYTERANGE:<length>[@<offset>]} (RFC 8216
 * §4.3.2.2).
 *
 * @param lengthBytes number of bytes, positive
 * @param offsetBytes first byte; empty means "right after the previous segment's sub-range of the
 *     same resource"
 */
public record ByteRange(long lengthBytes, OptionalLong offsetBytes) {
  public ByteRange {
    if (lengthBytes <= 0) {
      throw new IllegalArgumentException("byte range length must be positive: " + lengthBytes);
    }
    if (offsetBytes.isPresent() && offsetBytes.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "byte range offset must not be negative: " + offsetBytes.getAsLong());
    }
  }

  /** Returns {@code lengthBytes} bytes starting at {@code offsetBytes}. */
  public static ByteRange of(long lengthBytes, long offsetBytes) {
    return new ByteRange(lengthBytes, OptionalLong.of(offsetBytes));
  }

  /** Returns the tag value, for example {@code 1000@2000}. */
  @Override
  public String toString() {
    return offsetBytes.isPresent()
        ? lengthBytes + "@" + offsetBytes.getAsLong()
        : Long.toString(lengthBytes);
  }
}
