package dev.abr.cmaf.codec;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 byte-stream format (ITU-T H.264 Annex B): NAL units separated by 3-byte ({@code 00 00 01})
 * or 4-byte ({@code 00 00 00 01}) start codes, as libx264 emits them. Converts access units to the
 * 4-byte length-prefixed form of ISO/IEC 14496-15 samples.
 */
public final class AnnexB {
  /** Bytes of the NAL unit length prefix written by {@link #toLengthPrefixed}. */
  public static final int LENGTH_PREFIX_BYTES = 4;

  private AnnexB() {}

  /**
   * Splits an Annex B byte sequence into NAL units (read-only views of {@code annexB}, without
   * start codes). Zero bytes before the first start code ({@code leading_zero_8bits}) and after a
   * NAL unit ({@code trailing_zero_8bits}, §B.2) are dropped, and so are empty NAL units.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the bytes do not start with a
   *     start code (after optional zero bytes), for example when they are already length-prefixed
   */
  public static List<ByteBuffer> splitNalUnits(ByteBuffer annexB) {
    ByteBuffer bytes = annexB.slice().asReadOnlyBuffer();
    int limit = bytes.limit();
    int first = 0;
    while (first < limit && bytes.get(first) == 0) {
      first++;
    }
    if (limit == 0) {
      return List.of();
    }
    if (first < 2 || first >= limit || bytes.get(first) != 1) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "H.264 data of "
              + limit
              + " bytes does not start with an Annex B start code (00 00 01); is it already"
              + " length-prefixed?");
    }
    List<ByteBuffer> nalUnits = new ArrayList<>();
    int start = first + 1;
    while (start < limit) {
      int next = findStartCode(bytes, start, limit);
      int end = next < 0 ? limit : next;
      // A NAL unit never ends in a zero byte (rbsp_trailing_bits end in a 1 bit; cabac_zero_words
      // are escaped), so trailing zeros belong to the next 4-byte start code or
      // trailing_zero_8bits.
      int nalEnd = end;
      while (nalEnd > start && bytes.get(nalEnd - 1) == 0) {
        nalEnd--;
      }
      if (nalEnd > start) {
        nalUnits.add(bytes.slice(start, nalEnd - start).asReadOnlyBuffer());
      }
      if (next < 0) {
        break;
      }
      start = next + 3;
    }
    return nalUnits;
  }

  /**
   * Converts one access unit from Annex B to 4-byte length-prefixed NAL units, the sample format of
   * an {@code avc1} track (ISO/IEC 14496-15 §5.3.2). Drops access unit delimiters (type 9) and
   * in-band sequence and picture parameter sets (types 7 and 8): for {@code avc1} the parameter
   * sets live in the {@code avcC} of the init segment. SEI and slice NAL units are kept in order.
   *
   * @return a new read-only buffer
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the bytes are not Annex B or no
   *     NAL unit is left
   */
  public static ByteBuffer toLengthPrefixed(ByteBuffer accessUnit) {
    List<ByteBuffer> kept = new ArrayList<>();
    long size = 0;
    for (ByteBuffer nalUnit : splitNalUnits(accessUnit)) {
      int type = NalUnitType.of(nalUnit);
      if (type == NalUnitType.AUD || type == NalUnitType.SPS || type == NalUnitType.PPS) {
        continue;
      }
      kept.add(nalUnit);
      size += LENGTH_PREFIX_BYTES + nalUnit.remaining();
    }
    if (kept.isEmpty()) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "H.264 access unit of "
              + accessUnit.remaining()
              + " bytes holds no NAL unit besides delimiters and parameter sets");
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
    for (ByteBuffer nalUnit : kept) {
      out.putInt(nalUnit.remaining());
      out.put(nalUnit.duplicate());
    }
    return out.flip().asReadOnlyBuffer();
  }

  /** Index of the next {@code 00 00 01} at or after {@code from}, or -1. */
  private static int findStartCode(ByteBuffer bytes, int from, int limit) {
    for (int i = from; i + 2 < limit; i++) {
      if ((bytes.get(i + 2) & 0xFF) > 1) {
        // Neither a zero nor the 01: no start code can begin at i, i+1 or i+2.
        i += 2;
      } else if (bytes.get(i) == 0 && bytes.get(i + 1) == 0 && bytes.get(i + 2) == 1) {
        return i;
      }
    }
    return -1;
  }
}
