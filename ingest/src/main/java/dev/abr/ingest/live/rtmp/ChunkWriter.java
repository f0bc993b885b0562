package dev.abr.ingest.live.rtmp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts RTMP messages into chunks (RTMP specification 1.0 §5.3), compressing each message header
 * against the previous message of the same chunk stream the way FFmpeg's writer does: type 0 for
 * the first message, a new message stream or a timestamp that goes back; type 1 for a new length or
 * type; type 2 for a new delta; type 3 when everything repeats. Continuation chunks are type 3 and
 * repeat the extended timestamp when the header carried one (§5.3.1.3). Nothing is flushed until
 * {@link #flush()}. One thread only.
 */
final class ChunkWriter {
  private static final int DEFAULT_CHUNK_SIZE = 128;
  private static final long EXTENDED = 0xFF_FFFFL;

  private final OutputStream out;
  private final Map<Integer, Previous> previous = new HashMap<>();
  private int chunkSize = DEFAULT_CHUNK_SIZE;

  private record Previous(
      int messageStreamId, long timestampMillis, int length, int typeId, long field) {}

  ChunkWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Uses {@code bytes} for the chunks of the following messages. The caller sends the Set Chunk
   * Size message (§5.4.1) first, with the old size.
   */
  void setChunkSize(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("chunk size must be positive: " + bytes);
    }
    chunkSize = bytes;
  }

  /** Writes {@code message} as one or more chunks. */
  void write(RtmpMessage message) throws IOException {
    int csid = message.chunkStreamId();
    Previous last = previous.get(csid);
    int length = message.payload().length;
    long timestamp = message.timestampMillis();
    int format;
    long value;
    if (last == null
        || last.messageStreamId() != message.messageStreamId()
        || timestamp < last.timestampMillis()) {
      format = 0;
      value = timestamp;
    } else {
      value = timestamp - last.timestampMillis();
      if (last.length() != length || last.typeId() != message.typeId()) {
        format = 1;
      } else if (value != last.field()) {
        format = 2;
      } else {
        format = 3;
      }
    }
    boolean extended = value >= EXTENDED;
    basicHeader(format, csid);
    if (format < 3) {
      writeUnsigned(extended ? EXTENDED : value, 3);
      if (format < 2) {
        writeUnsigned(length, 3);
        out.write(message.typeId());
      }
      if (format == 0) {
        writeUnsigned(Integer.reverseBytes(message.messageStreamId()) & 0xFFFF_FFFFL, 4);
      }
    }
    if (extended) {
      writeUnsigned(value, 4);
    }
    previous.put(
        csid, new Previous(message.messageStreamId(), timestamp, length, message.typeId(), value));
    int offset = 0;
    do {
      if (offset > 0) {
        basicHeader(3, csid);
        if (extended) {
          writeUnsigned(value, 4);
        }
      }
      int n = Math.min(chunkSize, length - offset);
      out.write(message.payload(), offset, n);
      offset += n;
    } while (offset < length);
  }

  /** Flushes the written chunks to the peer. */
  void flush() throws IOException {
    out.flush();
  }

  private void basicHeader(int format, int csid) throws IOException {
    if (csid < 64) {
      out.write((format << 6) | csid);
    } else if (csid < 64 + 256) {
      out.write(format << 6);
      out.write(csid - 64);
    } else {
      out.write((format << 6) | 1);
      out.write((csid - 64) & 0xFF);
      out.write((csid - 64) >>> 8);
    }
  }

  private void writeUnsigned(long value, int bytes) throws IOException {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }
}
