package dev.abr.ingest.live.rtmp;

import java.nio.ByteBuffer;

/**
 * One FLV tag as the server writes it (Adobe Video File Format Specification 10.1 §E.4.1): an RTMP
 * audio, video or data message, body unchanged.
 *
 * <p>Timestamps: {@code timestampMillis} is the RTMP message timestamp as received, an unsigned
 * 32-bit count of milliseconds (so it wraps to 0 after 2^32 ms, about 49.7 days). The FLV tag
 * stores it as 24 low bits plus an 8-bit {@code TimestampExtended}, the same 32 bits. A reader
 * unrolls wraps by assuming time moves forward: when a timestamp is more than 2^31 ms below the
 * previous one, add 2^32 from there on.
 *
 * @param type what the tag carries
 * @param timestampMillis 0 to 2^32 - 1
 * @param data the tag body (for video, starting with the frame type and codec byte); read-only
 */
public record FlvTag(Type type, long timestampMillis, ByteBuffer data) {
  /** The FLV tag types this server writes (§E.4.1 {@code TagType}). */
  public enum Type {
    AUDIO(8),
    VIDEO(9),
    SCRIPT_DATA(18);

    private final int id;

    Type(int id) {
      this.id = id;
    }

    /** The {@code TagType} byte. */
    public int id() {
      return id;
    }
  }

  /** Bytes of the FLV file header plus the first PreviousTagSize (§E.2, §E.3). */
  static final int HEADER_BYTES = 9 + 4;

  /** Bytes a tag adds around its body: the 11-byte tag header and the 4-byte PreviousTagSize. */
  static final int OVERHEAD_BYTES = 11 + 4;

  public FlvTag {
    if (timestampMillis < 0 || timestampMillis > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "timestamp is not an unsigned 32-bit value: " + timestampMillis);
    }
    if (data.remaining() > 0xFF_FFFF) {
      throw new IllegalArgumentException(
          "tag body longer than 16777215 bytes: " + data.remaining());
    }
    data = data.asReadOnlyBuffer();
  }

  /**
   * True for a video tag whose frame type is 1, a key frame (§E.4.3.1 {@code FrameType}; in an
   * Enhanced RTMP extended header the same three bits after the {@code IsExHeader} flag).
   */
  public boolean keyFrame() {
    return type == Type.VIDEO
        && data.remaining() > 0
        && ((data.get(data.position()) >> 4) & 0x07) == 1;
  }

  /**
   * The FLV file header (signature, version 1, audio and video flags both set, header size 9)
   * followed by PreviousTagSize0 = 0. Both flags are set because the server cannot know which
   * tracks follow; FFmpeg's demuxer creates streams from the tags it meets.
   */
  static byte[] fileHeader() {
    return new byte[] {'F', 'L', 'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0};
  }

  /** This tag as FLV bytes: tag header, body and the PreviousTagSize that follows it. */
  byte[] toBytes() {
    int size = data.remaining();
    byte[] bytes = new byte[OVERHEAD_BYTES + size];
    bytes[0] = (byte) type.id();
    bytes[1] = (byte) (size >>> 16);
    bytes[2] = (byte) (size >>> 8);
    bytes[3] = (byte) size;
    bytes[4] = (byte) (timestampMillis >>> 16);
    bytes[5] = (byte) (timestampMillis >>> 8);
    bytes[6] = (byte) timestampMillis;
    bytes[7] = (byte) (timestampMillis >>> 24); // TimestampExtended: the upper 8 bits
    // bytes 8..10: StreamID, always 0
    data.duplicate().get(bytes, 11, size);
    int previousTagSize = 11 + size;
    int end = 11 + size;
    bytes[end] = (byte) (previousTagSize >>> 24);
    bytes[end + 1] = (byte) (previousTagSize >>> 16);
    bytes[end + 2] = (byte) (previousTagSize >>> 8);
    bytes[end + 3] = (byte) previousTagSize;
    return bytes;
  }
}
