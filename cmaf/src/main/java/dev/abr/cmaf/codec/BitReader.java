package dev.abr.cmaf.codec;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;

/**
 * Reads bits MSB-first from a byte array, with the fixed-length ({@code u(n)}) and Exp-Golomb
 * ({@code ue(v)}, {@code se(v)}) descriptors of ITU-T H.264 §7.2 and §9.1. Reading past the end
 * throws {@link PipelineException} ({@link ErrorCode#INPUT_UNREADABLE}) naming {@code what}.
 */
final class BitReader {
  private final byte[] bytes;
  private final String what;
  private long bitPosition;

  BitReader(byte[] bytes, String what) {
    this.bytes = bytes;
    this.what = what;
  }

  /**
   * Returns the RBSP of {@code nalPayload}: every {@code 03} of {@code 00 00 03} removed (§7.4.1).
   */
  static byte[] unescapeRbsp(byte[] nalPayload) {
    byte[] out = new byte[nalPayload.length];
    int length = 0;
    int zeros = 0;
    for (byte b : nalPayload) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      out[length++] = b;
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return java.util.Arrays.copyOf(out, length);
  }

  /** Reads {@code count} bits (0..32) as an unsigned value: {@code u(n)}. */
  long readBits(int count) {
    if (count < 0 || count > 32) {
      throw new IllegalArgumentException("can read 0..32 bits, not " + count);
    }
    if (bitPosition + count > (long) bytes.length * 8) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          what + " is truncated: needs " + count + " more bits at bit " + bitPosition);
    }
    long value = 0;
    for (int i = 0; i < count; i++) {
      int b = bytes[(int) (bitPosition >>> 3)] & 0xFF;
      int bit = (b >>> (7 - (int) (bitPosition & 7))) & 1;
      value = (value << 1) | bit;
      bitPosition++;
    }
    return value;
  }

  int readBit() {
    return (int) readBits(1);
  }

  boolean readFlag() {
    return readBits(1) == 1;
  }

  /** Reads an unsigned Exp-Golomb value {@code ue(v)} (§9.1), at most 2^32 - 2. */
  long readUnsignedExpGolomb() {
    int leadingZeros = 0;
    while (readBit() == 0) {
      leadingZeros++;
      if (leadingZeros > 31) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            what + " has an Exp-Golomb code longer than 32 bits at bit " + bitPosition);
      }
    }
    return (1L << leadingZeros) - 1 + readBits(leadingZeros);
  }

  /** Reads a signed Exp-Golomb value {@code se(v)} (§9.1.1). */
  long readSignedExpGolomb() {
    long codeNum = readUnsignedExpGolomb();
    return (codeNum & 1) == 1 ? (codeNum + 1) / 2 : -(codeNum / 2);
  }

  /** Reads {@code ue(v)} and fails unless it is at most {@code max}. */
  int readUnsignedExpGolomb(long max, String field) {
    long value = readUnsignedExpGolomb();
    if (value > max) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, what + ": " + field + " " + value + " exceeds " + max);
    }
    return (int) value;
  }
}
