package dev.abr.cmaf.box;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A bounded big-endian reader over the payload of one box. Every read checks the bound first, so a
 * malformed input ends in a {@link PipelineException} ({@link ErrorCode#INPUT_UNREADABLE}) that
 * names the box path and offset, never in an index exception. Offsets count from the start of the
 * buffer given to {@link BoxReader}.
 */
final class BoxInput {
  /** Deeper nesting than this is not a media file; it only serves to exhaust the stack. */
  static final int MAX_DEPTH = 24;

  private final ByteBuffer bytes;
  private final String path;
  private final int boxOffset;
  private final int end;
  private final int depth;
  private int position;

  private BoxInput(ByteBuffer bytes, String path, int boxOffset, int start, int end, int depth) {
    this.bytes = bytes;
    this.path = path;
    this.boxOffset = boxOffset;
    this.position = start;
    this.end = end;
    this.depth = depth;
  }

  /** A reader over the whole of {@code input} (its remaining bytes), for top-level boxes. */
  static BoxInput root(ByteBuffer input) {
    ByteBuffer slice = input.slice().asReadOnlyBuffer();
    return new BoxInput(slice, "", 0, 0, slice.limit(), 0);
  }

  /**
   * A reader over the payload {@code [start, end)} of the child box {@code type} at {@code
   * boxOffset}.
   */
  BoxInput child(FourCc type, int boxOffset, int start, int end) {
    if (depth + 1 > MAX_DEPTH) {
      throw fail("boxes nested deeper than " + MAX_DEPTH + " levels");
    }
    String childPath = path.isEmpty() ? type.toString() : path + "/" + type;
    return new BoxInput(bytes, childPath, boxOffset, start, end, depth + 1);
  }

  /**
   * Returns a reader over the next {@code length} bytes, a named part of this box such as a
   * descriptor, and skips them here.
   */
  BoxInput subrange(int length, String name) {
    if (length < 0 || length > remaining()) {
      throw fail(
          name
              + " at offset "
              + position
              + " declares "
              + length
              + " bytes but only "
              + remaining()
              + " remain");
    }
    if (depth + 1 > MAX_DEPTH) {
      throw fail("structures nested deeper than " + MAX_DEPTH + " levels");
    }
    BoxInput sub =
        new BoxInput(bytes, path + "/" + name, position, position, position + length, depth + 1);
    position += length;
    return sub;
  }

  /** Absolute offset of the next byte. */
  int offset() {
    return position;
  }

  /** Absolute offset just past the last byte of this range. */
  int end() {
    return end;
  }

  int remaining() {
    return end - position;
  }

  boolean hasRemaining() {
    return position < end;
  }

  int readU8() {
    require(1);
    return bytes.get(position++) & 0xFF;
  }

  int readU16() {
    require(2);
    int value = bytes.getShort(position) & 0xFFFF;
    position += 2;
    return value;
  }

  int readI16() {
    require(2);
    int value = bytes.getShort(position);
    position += 2;
    return value;
  }

  int readU24() {
    require(3);
    int value =
        ((bytes.get(position) & 0xFF) << 16)
            | ((bytes.get(position + 1) & 0xFF) << 8)
            | (bytes.get(position + 2) & 0xFF);
    position += 3;
    return value;
  }

  long readU32() {
    return readI32() & 0xFFFF_FFFFL;
  }

  int readI32() {
    require(4);
    int value = bytes.getInt(position);
    position += 4;
    return value;
  }

  /** Reads 64 bits; unsigned fields keep their bit pattern in the long. */
  long readU64() {
    require(8);
    long value = bytes.getLong(position);
    position += 8;
    return value;
  }

  FourCc readFourCc() {
    return new FourCc(readI32());
  }

  /** Returns a read-only view of the next {@code count} bytes (no copy). */
  ByteBuffer readBytes(int count) {
    if (count < 0) {
      throw fail("negative length " + count);
    }
    require(count);
    ByteBuffer view = bytes.slice(position, count).asReadOnlyBuffer();
    position += count;
    return view;
  }

  /** Returns a read-only view of the rest of the range. */
  ByteBuffer readRemaining() {
    return readBytes(remaining());
  }

  void skip(int count) {
    readBytes(count);
  }

  /** Reads UTF-8 text up to a NUL byte (consumed) or the end of the range. */
  String readNullTerminatedString() {
    int length = 0;
    while (position + length < end && bytes.get(position + length) != 0) {
      length++;
    }
    byte[] text = new byte[length];
    bytes.get(position, text);
    position += length;
    if (position < end) {
      position++;
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  /**
   * Checks that {@code count} entries of at least {@code minBytesPerEntry} bytes each fit in the
   * rest of the range, before anything is allocated for them, and returns the count as an int.
   */
  int checkCount(long count, int minBytesPerEntry, String what) {
    long available = minBytesPerEntry == 0 ? Integer.MAX_VALUE : remaining() / minBytesPerEntry;
    if (count < 0 || count > available) {
      throw fail(
          what
              + " "
              + count
              + " needs "
              + minBytesPerEntry
              + " bytes each but only "
              + remaining()
              + " bytes remain");
    }
    return (int) count;
  }

  /** Fails unless the whole range has been read. */
  void requireEnd() {
    if (position != end) {
      throw fail((end - position) + " unexpected bytes after the fields, at offset " + position);
    }
  }

  /** Returns an {@link ErrorCode#INPUT_UNREADABLE} failure naming this box and its offset. */
  PipelineException fail(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, where() + ": " + message);
  }

  /**
   * Returns an {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} failure naming this box and its offset.
   */
  PipelineException unsupported(String message) {
    return new PipelineException(ErrorCode.INPUT_UNSUPPORTED_FORMAT, where() + ": " + message);
  }

  /** {@code 'moov/trak/tkhd' at offset 40}, or {@code top level} for the root. */
  String where() {
    return path.isEmpty() ? "top level" : "'" + path + "' at offset " + boxOffset;
  }

  private void require(int count) {
    if (count > end - position) {
      throw fail(
          "truncated: needs "
              + count
              + " bytes at offset "
              + position
              + " but the box ends at offset "
              + end);
    }
  }
}
