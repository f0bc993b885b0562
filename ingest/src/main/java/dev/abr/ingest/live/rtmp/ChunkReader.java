package dev.abr.ingest.live.rtmp;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from the chunk stream a peer sends (RTMP specification 1.0 §5.3).
 *
 * <p>Handles basic headers of 1, 2 and 3 bytes, message headers of type 0 to 3, interleaved chunk
 * streams, Set Chunk Size and Abort (applied by the caller through {@link #setChunkSize} and {@link
 * #abort}), and extended timestamps (§5.3.1.3). A type-0 timestamp is absolute; type 1 and 2 carry
 * a delta; a type-3 chunk that starts a message repeats the previous delta (for a type-0
 * predecessor, its timestamp field, as FFmpeg and librtmp read it). Timestamps add modulo 2^32.
 *
 * <p>Extended timestamps on type-3 chunks: when the latest type 0, 1 or 2 header of a chunk stream
 * carried an extended timestamp, its type-3 chunks carry one too (§5.3.1.3; FFmpeg, librtmp since
 * OBS #10097 and nginx-rtmp write and read it so). Some older writers (rtmpdump) leave it out of
 * the continuation chunks of a message; there the reader looks at the next four bytes and treats
 * them as the repeated timestamp only when they equal it, as SRS does.
 *
 * <p>Limits: a message longer than {@code maxMessageBytes}, a chunk size above {@code
 * maxChunkBytes} or more than {@code maxChunkStreams} chunk streams fail with {@link
 * ErrorCode#INPUT_OVER_LIMITS}; malformed headers fail with {@link ErrorCode#INPUT_UNREADABLE}.
 * Memory grows with the bytes actually received, not with declared lengths. One thread only.
 */
final class ChunkReader {
  private static final int DEFAULT_CHUNK_SIZE = 128;
  private static final int EXTENDED = 0xFF_FFFF;
  private static final int FIRST_ALLOCATION_BYTES = 64 * 1024;

  private final PushbackInputStream in;
  private final int maxMessageBytes;
  private final int maxChunkBytes;
  private final int maxChunkStreams;
  private final Map<Integer, ChunkStream> chunkStreams = new HashMap<>();
  private int chunkSize = DEFAULT_CHUNK_SIZE;
  private long bytesRead;

  ChunkReader(InputStream in, int maxMessageBytes, int maxChunkBytes, int maxChunkStreams) {
    this.in = new PushbackInputStream(in, 4);
    this.maxMessageBytes = maxMessageBytes;
    this.maxChunkBytes = maxChunkBytes;
    this.maxChunkStreams = maxChunkStreams;
  }

  /** The per-chunk-stream state the headers compress against. */
  private static final class ChunkStream {
    boolean started;
    long timestampMillis;
    long deltaMillis;
    int messageLength;
    int typeId;
    int messageStreamId;
    boolean extended;
    long extendedValue;
    byte[] partial = new byte[0];
    int received;
  }

  /**
   * Reads chunks until one message is complete and returns it.
   *
   * @throws EOFException when the stream ends (cleanly between chunks or not)
   * @throws IOException when reading fails or times out
   * @throws PipelineException when the chunk stream is malformed or over a limit
   */
  RtmpMessage readMessage() throws IOException {
    while (true) {
      RtmpMessage message = readChunk();
      if (message != null) {
        return message;
      }
    }
  }

  /** Applies a Set Chunk Size received from the peer (§5.4.1) to the following chunks. */
  void setChunkSize(long requestedBytes) {
    long size = requestedBytes & 0x7FFF_FFFFL; // the first bit must be zero
    if (size < 1) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "peer set chunk size 0");
    }
    if (size > maxChunkBytes) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          "peer set chunk size " + size + ", above the limit of " + maxChunkBytes + " bytes");
    }
    chunkSize = (int) size;
  }

  /** Applies an Abort Message (§5.4.2): drops the partly received message of that chunk stream. */
  void abort(long chunkStreamId) {
    ChunkStream stream = chunkStreams.get((int) chunkStreamId);
    if (stream != null) {
      stream.partial = new byte[0];
      stream.received = 0;
    }
  }

  /** Bytes consumed from the input so far, for acknowledgements (§5.4.3). */
  long bytesRead() {
    return bytesRead;
  }

  /** The chunk size in force for incoming chunks. */
  int chunkSize() {
    return chunkSize;
  }

  private RtmpMessage readChunk() throws IOException {
    int first = readByte();
    int format = first >>> 6;
    int chunkStreamId = first & 0x3F;
    if (chunkStreamId == 0) {
      chunkStreamId = 64 + readByte();
    } else if (chunkStreamId == 1) {
      chunkStreamId = 64 + readByte() + readByte() * 256;
    }
    ChunkStream stream = chunkStream(chunkStreamId);
    if (format != 0 && !stream.started) {
      throw malformed(
          "chunk stream " + chunkStreamId + " starts with a type-" + format + " header");
    }
    boolean startsMessage = stream.received == 0;
    if (format < 3) {
      if (!startsMessage) {
        throw malformed(
            "chunk stream " + chunkStreamId + " got a type-" + format + " header inside a message");
      }
      long field = readUnsigned(3);
      if (format < 2) {
        stream.messageLength = (int) readUnsigned(3);
        stream.typeId = readByte();
      }
      if (format == 0) {
        stream.messageStreamId = Integer.reverseBytes((int) readUnsigned(4)); // little-endian
      }
      stream.extended = field == EXTENDED;
      if (stream.extended) {
        field = readUnsigned(4);
        stream.extendedValue = field;
      }
      stream.deltaMillis = field;
      stream.timestampMillis =
          format == 0 ? field : (stream.timestampMillis + field) & 0xFFFF_FFFFL;
      stream.started = true;
    } else if (stream.extended) {
      long repeated = readUnsigned(4);
      if (startsMessage) {
        stream.extendedValue = repeated;
        stream.deltaMillis = repeated;
      } else if (repeated != stream.extendedValue) {
        unread(repeated); // a writer that leaves it out of continuation chunks: it was payload
      }
    }
    if (format == 3 && startsMessage) {
      stream.timestampMillis = (stream.timestampMillis + stream.deltaMillis) & 0xFFFF_FFFFL;
    }
    if (startsMessage && stream.messageLength > maxMessageBytes) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          "message of "
              + stream.messageLength
              + " bytes on chunk stream "
              + chunkStreamId
              + " is above the limit of "
              + maxMessageBytes
              + " bytes");
    }
    int length = Math.min(chunkSize, stream.messageLength - stream.received);
    ensureCapacity(stream, stream.received + length);
    readFully(stream.partial, stream.received, length);
    stream.received += length;
    if (stream.received < stream.messageLength) {
      return null;
    }
    byte[] payload =
        stream.partial.length == stream.messageLength
            ? stream.partial
            : Arrays.copyOf(stream.partial, stream.messageLength);
    stream.partial = new byte[0];
    stream.received = 0;
    return new RtmpMessage(
        chunkStreamId, stream.typeId, stream.messageStreamId, stream.timestampMillis, payload);
  }

  private ChunkStream chunkStream(int chunkStreamId) {
    ChunkStream stream = chunkStreams.get(chunkStreamId);
    if (stream == null) {
      if (chunkStreams.size() >= maxChunkStreams) {
        throw new PipelineException(
            ErrorCode.INPUT_OVER_LIMITS,
            "peer uses more than " + maxChunkStreams + " chunk streams");
      }
      stream = new ChunkStream();
      chunkStreams.put(chunkStreamId, stream);
    }
    return stream;
  }

  private static void ensureCapacity(ChunkStream stream, int needed) {
    if (stream.partial.length >= needed) {
      return;
    }
    int capacity = Math.max(needed, Math.min(stream.messageLength, FIRST_ALLOCATION_BYTES));
    capacity = Math.max(capacity, (int) Math.min(stream.messageLength, 2L * stream.partial.length));
    stream.partial = Arrays.copyOf(stream.partial, capacity);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("peer closed the chunk stream");
    }
    bytesRead++;
    return b;
  }

  private long readUnsigned(int bytes) throws IOException {
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | readByte();
    }
    return value;
  }

  private void unread(long value) throws IOException {
    in.unread(
        new byte[] {
          (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
        });
    bytesRead -= 4;
  }

  private void readFully(byte[] target, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(target, offset + done, length - done);
      if (n < 0) {
        throw new EOFException("peer closed the chunk stream inside a chunk");
      }
      done += n;
      bytesRead += n;
    }
  }

  private static PipelineException malformed(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, message);
  }
}
