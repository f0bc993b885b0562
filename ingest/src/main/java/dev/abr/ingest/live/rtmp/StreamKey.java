package dev.abr.ingest.live.rtmp;

import java.nio.charset.StandardCharsets;

/**
 * A stream key, the secret a broadcaster publishes with (the last path segment of {@code
 * rtmp://host/app/<streamKey>}, the stream name of the RTMP {@code publish} command).
 *
 * <p>A secret: {@link #toString()} is redacted, so a key put into a log line, an exception message
 * or a metric by mistake shows as {@code StreamKey[redacted]}. Only an {@link Authorizer} reads
 * {@link #value()}. There is no {@code equals}: compare hashes in constant time (see {@link
 * InMemoryAuthorizer}).
 */
public final class StreamKey {
  /** Longest key accepted, in UTF-8 bytes (FFmpeg allows 256 for a play path). */
  public static final int MAX_BYTES = 1024;

  private final String value;

  private StreamKey(String value) {
    this.value = value;
  }

  /**
   * Wraps {@code value}.
   *
   * @throws IllegalArgumentException when it is empty or longer than {@link #MAX_BYTES} bytes (the
   *     message does not contain the key)
   */
  public static StreamKey of(String value) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "stream key must be 1 to " + MAX_BYTES + " bytes, got " + bytes);
    }
    return new StreamKey(value);
  }

  /** The key itself. Never log it. */
  public String value() {
    return value;
  }

  /** The key's UTF-8 bytes, a fresh array, for hashing. */
  public byte[] utf8() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Always {@code StreamKey[redacted]}. */
  @Override
  public String toString() {
    return "StreamKey[redacted]";
  }
}
