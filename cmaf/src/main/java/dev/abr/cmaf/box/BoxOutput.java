package dev.abr.cmaf.box;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Big-endian sink for box fields. It either counts bytes (to compute a box's size before writing
 * it) or writes them into a buffer that {@link BoxWriter} sized exactly. Values out of a field's
 * range are bugs and throw {@link IllegalArgumentException}.
 */
public final class BoxOutput {
  private final @Nullable ByteBuffer buffer;
  private long position;

  private BoxOutput(@Nullable ByteBuffer buffer) {
    this.buffer = buffer;
  }

  static BoxOutput counting() {
    return new BoxOutput(null);
  }

  static BoxOutput into(ByteBuffer buffer) {
    return new BoxOutput(buffer);
  }

  boolean isCounting() {
    return buffer == null;
  }

  /** Bytes written (or counted) so far. */
  long position() {
    return position;
  }

  /** Writes an unsigned 8-bit value. */
  public void writeU8(int value) {
    checkRange(value, 0, 0xFF, "u8");
    if (buffer != null) {
      buffer.put((byte) value);
    }
    position += 1;
  }

  /** Writes an unsigned 16-bit value. */
  public void writeU16(int value) {
    checkRange(value, 0, 0xFFFF, "u16");
    if (buffer != null) {
      buffer.putShort((short) value);
    }
    position += 2;
  }

  /** Writes a signed 16-bit value. */
  public void writeI16(int value) {
    checkRange(value, Short.MIN_VALUE, Short.MAX_VALUE, "i16");
    if (buffer != null) {
      buffer.putShort((short) value);
    }
    position += 2;
  }

  /** Writes an unsigned 24-bit value. */
  public void writeU24(int value) {
    checkRange(value, 0, 0xFF_FFFF, "u24");
    if (buffer != null) {
      buffer.put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
    }
    position += 3;
  }

  /** Writes an unsigned 32-bit value. */
  public void writeU32(long value) {
    checkRange(value, 0, 0xFFFF_FFFFL, "u32");
    if (buffer != null) {
      buffer.putInt((int) value);
    }
    position += 4;
  }

  /** Writes a signed 32-bit value (also used for raw 32-bit patterns such as sample flags). */
  public void writeI32(int value) {
    if (buffer != null) {
      buffer.putInt(value);
    }
    position += 4;
  }

  /** Writes 64 bits: an unsigned 64-bit field carried in a long's bit pattern. */
  public void writeU64(long value) {
    if (buffer != null) {
      buffer.putLong(value);
    }
    position += 8;
  }

  /** Writes a four-character code. */
  public void writeFourCc(FourCc code) {
    writeI32(code.value());
  }

  /** Writes the remaining bytes of {@code bytes} without changing its position. */
  public void writeBytes(ByteBuffer bytes) {
    if (buffer != null) {
      buffer.put(bytes.duplicate());
    }
    position += bytes.remaining();
  }

  /** Writes {@code bytes}. */
  public void writeBytes(byte[] bytes) {
    if (buffer != null) {
      buffer.put(bytes);
    }
    position += bytes.length;
  }

  /** Writes {@code count} zero bytes (reserved fields). */
  public void writeZeros(int count) {
    for (int i = 0; i < count; i++) {
      writeU8(0);
    }
  }

  /** Writes {@code text} as UTF-8 followed by a NUL byte. */
  public void writeNullTerminatedString(String text) {
    writeBytes(text.getBytes(StandardCharsets.UTF_8));
    writeU8(0);
  }

  /** Writes {@code child} as a complete box: header, version and flags if any, then its payload. */
  public void writeBox(Box child) {
    BoxWriter.writeBox(child, this);
  }

  private static void checkRange(long value, long min, long max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(value + " does not fit in a " + field + " field");
    }
  }
}
