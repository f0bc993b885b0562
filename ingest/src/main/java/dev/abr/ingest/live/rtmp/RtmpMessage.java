package dev.abr.ingest.live.rtmp;

/**
 * One RTMP message as reassembled from (or cut into) chunks (RTMP specification 1.0 §5.3).
 *
 * @param chunkStreamId the chunk stream it travels on, 2 to 65 599
 * @param typeId the message type ({@link MessageType})
 * @param messageStreamId the message stream id (0 for control and connection commands)
 * @param timestampMillis the message timestamp in milliseconds, an unsigned 32-bit value (it wraps
 *     after about 49.7 days)
 * @param payload the message body; owned by the message and never modified after construction
 */
record RtmpMessage(
    int chunkStreamId, int typeId, int messageStreamId, long timestampMillis, byte[] payload) {
  /** Largest chunk stream id a 3-byte basic header can carry. */
  static final int MAX_CHUNK_STREAM_ID = 65_599;

  RtmpMessage {
    if (chunkStreamId < 2 || chunkStreamId > MAX_CHUNK_STREAM_ID) {
      throw new IllegalArgumentException("chunk stream id out of range: " + chunkStreamId);
    }
    if (typeId < 0 || typeId > 0xFF) {
      throw new IllegalArgumentException("message type out of range: " + typeId);
    }
    if (timestampMillis < 0 || timestampMillis > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "timestamp is not an unsigned 32-bit value: " + timestampMillis);
    }
    if (payload.length > 0xFF_FFFF) {
      throw new IllegalArgumentException("message longer than 16777215 bytes: " + payload.length);
    }
  }

  @Override
  public String toString() {
    return "RtmpMessage[csid="
        + chunkStreamId
        + ", type="
        + typeId
        + ", stream="
        + messageStreamId
        + ", timestamp="
        + timestampMillis
        + ", "
        + payload.length
        + " bytes]";
  }
}
