package dev.abr.media;

import java.util.function.LongUnaryOperator;

/**
 * Rewrites the timestamps of an MPEG-TS file in place: every PES header's PTS and DTS and every PCR
 * base (ISO/IEC 13818-1 §2.4.3.5 adaptation field, §2.4.3.7 PES header), through a function of the
 * original 33-bit value, written back modulo 2^33. Lets a test make timestamps that wrap once or
 * many times from a short file that FFmpeg encoded normally.
 */
final class TsTimestamps {
  static final long WRAP = 1L << 33;
  private static final int PACKET_BYTES = 188;

  private TsTimestamps() {}

  /** The smallest DTS (or PTS when there is no DTS) of any PES header in {@code ts}. */
  static long firstDecodeTime(byte[] ts) {
    long[] min = {Long.MAX_VALUE};
    visit(
        ts,
        (bytes, offset, kind) -> {
          if (kind != Kind.PCR) {
            min[0] = Math.min(min[0], read(bytes, offset, kind));
          }
        });
    return min[0];
  }

  /** Replaces every PTS, DTS and PCR base {@code t} of {@code ts} by {@code map(t) mod 2^33}. */
  static void rewrite(byte[] ts, LongUnaryOperator map) {
    visit(
        ts,
        (bytes, offset, kind) ->
            write(bytes, offset, map.applyAsLong(read(bytes, offset, kind)), kind));
  }

  private enum Kind {
    PTS,
    DTS,
    PCR
  }

  private interface Visitor {
    void timestamp(byte[] bytes, int offset, Kind kind);
  }

  private static void visit(byte[] ts, Visitor visitor) {
    if (ts.length % PACKET_BYTES != 0) {
      throw new IllegalArgumentException("not whole TS packets: " + ts.length + " bytes");
    }
    for (int packet = 0; packet < ts.length; packet += PACKET_BYTES) {
      if (ts[packet] != 0x47) {
        throw new IllegalArgumentException("no sync byte at " + packet);
      }
      boolean payloadStart = (ts[packet + 1] & 0x40) != 0;
      int adaptation = (ts[packet + 3] >> 4) & 3;
      int payload = packet + 4;
      if (adaptation == 2 || adaptation == 3) {
        int length = ts[packet + 4] & 0xFF;
        if (length > 0 && (ts[packet + 5] & 0x10) != 0) {
          visitor.timestamp(ts, packet + 6, Kind.PCR);
        }
        payload += 1 + length;
      }
      if (!payloadStart || adaptation == 2 || payload + 14 > packet + PACKET_BYTES) {
        continue;
      }
      boolean startCode = ts[payload] == 0 && ts[payload + 1] == 0 && ts[payload + 2] == 1;
      int streamId = ts[payload + 3] & 0xFF;
      boolean media = (streamId >= 0xC0 && streamId <= 0xEF) || streamId == 0xBD;
      if (!startCode || !media) {
        continue;
      }
      int flags = (ts[payload + 7] >> 6) & 3;
      if (flags >= 2) {
        visitor.timestamp(ts, payload + 9, Kind.PTS);
      }
      if (flags == 3) {
        visitor.timestamp(ts, payload + 14, Kind.DTS);
      }
    }
  }

  private static long read(byte[] b, int offset, Kind kind) {
    if (kind == Kind.PCR) {
      return ((long) (b[offset] & 0xFF) << 25)
          | ((long) (b[offset + 1] & 0xFF) << 17)
          | ((long) (b[offset + 2] & 0xFF) << 9)
          | ((long) (b[offset + 3] & 0xFF) << 1)
          | ((b[offset + 4] & 0xFF) >> 7);
    }
    return ((long) ((b[offset] >> 1) & 0x07) << 30)
        | ((long) (b[offset + 1] & 0xFF) << 22)
        | ((long) ((b[offset + 2] >> 1) & 0x7F) << 15)
        | ((long) (b[offset + 3] & 0xFF) << 7)
        | ((b[offset + 4] >> 1) & 0x7F);
  }

  private static void write(byte[] b, int offset, long value, Kind kind) {
    long t = Math.floorMod(value, WRAP);
    if (kind == Kind.PCR) {
      b[offset] = (byte) (t >> 25);
      b[offset + 1] = (byte) (t >> 17);
      b[offset + 2] = (byte) (t >> 9);
      b[offset + 3] = (byte) (t >> 1);
      b[offset + 4] = (byte) (((t & 1) << 7) | (b[offset + 4] & 0x7F));
      return;
    }
    b[offset] = (byte) ((b[offset] & 0xF0) | ((t >> 29) & 0x0E) | 1);
    b[offset + 1] = (byte) (t >> 22);
    b[offset + 2] = (byte) (((t >> 14) & 0xFE) | 1);
    b[offset + 3] = (byte) (t >> 7);
    b[offset + 4] = (byte) (((t << 1) & 0xFE) | 1);
  }
}
