package dev.abr.cmaf.box;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Serializes boxes: computes each box's size first (by letting it write into a byte counter), then
 * writes header and payload once into an exactly sized array. A box whose size does not fit in 32
 * bits gets a 64-bit {@code largesize} header (ISO/IEC 14496-12 §4.2).
 */
public final class BoxWriter {
  private static final long MAX_COMPACT_SIZE = 0xFFFF_FFFFL;

  private BoxWriter() {}

  /** Returns {@code boxes} serialized one after the other, in a new array the caller owns. */
  public static byte[] write(List<? extends Box> boxes) {
    long total = 0;
    for (Box box : boxes) {
      total = Math.addExact(total, size(box));
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("boxes of " + total + " bytes do not fit in an array");
    }
    byte[] bytes = new byte[(int) total];
    BoxOutput out = BoxOutput.into(ByteBuffer.wrap(bytes));
    for (Box box : boxes) {
      out.writeBox(box);
    }
    if (out.position() != total) {
      throw new IllegalStateException("wrote " + out.position() + " bytes, computed " + total);
    }
    return bytes;
  }

  /** Returns {@code boxes} serialized one after the other, in a new array the caller owns. */
  public static byte[] write(Box... boxes) {
    return write(List.of(boxes));
  }

  /** Returns the serialized size of {@code box} in bytes, header included. */
  public static long size(Box box) {
    long payload = payloadSize(box);
    long compact = 8 + payload;
    return compact <= MAX_COMPACT_SIZE ? compact : compact + 8;
  }

  static void writeBox(Box box, BoxOutput out) {
    if (out.isCounting()) {
      // One pass: count the header and the payload, then widen the header if needed.
      long start = out.position();
      out.writeI32(0);
      out.writeFourCc(box.type());
      if (box instanceof FullBox) {
        out.writeI32(0);
      }
      box.writePayload(out);
      if (out.position() - start > MAX_COMPACT_SIZE) {
        out.writeU64(0);
      }
      return;
    }
    long payload = payloadSize(box);
    long size = 8 + payload;
    long start = out.position();
    if (size <= MAX_COMPACT_SIZE) {
      out.writeU32(size);
      out.writeFourCc(box.type());
    } else {
      size += 8;
      out.writeU32(1);
      out.writeFourCc(box.type());
      out.writeU64(size);
    }
    if (box instanceof FullBox fullBox) {
      out.writeU8(fullBox.version());
      out.writeU24(fullBox.flags());
    }
    box.writePayload(out);
    if (out.position() - start != size) {
      throw new IllegalStateException(
          box.type() + " wrote " + (out.position() - start) + " bytes but its size is " + size);
    }
  }

  private static long payloadSize(Box box) {
    BoxOutput counter = BoxOutput.counting();
    if (box instanceof FullBox) {
      counter.writeI32(0);
    }
    box.writePayload(counter);
    return counter.position();
  }
}
