package dev.abr.ingest.live.rtmp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Limits and tuning of an {@link RtmpServer}. Durations are wall-clock.
 *
 * @param bindAddress where to listen; port 0 picks a free port
 * @param maxConnections connections open at once; more are closed on accept
 * @param maxMessageBytes longest RTMP message accepted (a video frame), at most 16 777 215
 * @param maxChunkBytes largest chunk size a client may set
 * @param maxChunkStreams chunk streams one connection may use
 * @param handshakeTimeout time from accept to the end of the handshake
 * @param publishTimeout time from accept to an authorized {@code publish}
 * @param readTimeout longest silence from a client before it is disconnected
 * @param outChunkBytes the chunk size the server announces and sends with
 * @param windowAcknowledgementBytes the window the server announces (Window Acknowledgement Size
 *     and Set Peer Bandwidth), and its acknowledgement window until the client announces one
 * @param flvBufferBytes bytes of FLV buffered per session before the connection stops reading
 */
public record RtmpServerSettings(
    InetSocketAddress bindAddress,
    int maxConnections,
    int maxMessageBytes,
    int maxChunkBytes,
    int maxChunkStreams,
    Duration handshakeTimeout,
    Duration publishTimeout,
    Duration readTimeout,
    int outChunkBytes,
    int windowAcknowledgementBytes,
    int flvBufferBytes) {
  /** Standard RTMP port. */
  public static final int DEFAULT_PORT = 1935;

  public RtmpServerSettings {
    positive("maxConnections", maxConnections);
    positive("maxMessageBytes", maxMessageBytes);
    positive("maxChunkBytes", maxChunkBytes);
    positive("maxChunkStreams", maxChunkStreams);
    positive("outChunkBytes", outChunkBytes);
    positive("windowAcknowledgementBytes", windowAcknowledgementBytes);
    positive("flvBufferBytes", flvBufferBytes);
    if (maxMessageBytes > 0xFF_FFFF) {
      throw new IllegalArgumentException(
          "maxMessageBytes above 16777215, the largest RTMP message: " + maxMessageBytes);
    }
    if (outChunkBytes > 0xFF_FFFF) {
      throw new IllegalArgumentException("outChunkBytes above 16777215: " + outChunkBytes);
    }
    for (Duration timeout : new Duration[] {handshakeTimeout, publishTimeout, readTimeout}) {
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "timeouts must be positive and fit in int ms: " + timeout);
      }
    }
  }

  /**
   * Defaults on {@code bindAddress}: 256 connections, 16 MiB messages, 1 MiB chunks, 64 chunk
   * streams, 10 s handshake, 30 s to publish, 30 s read timeout, 4 096-byte outgoing chunks, 2.5 MB
   * acknowledgement window, 4 MiB of FLV buffered per session.
   */
  public static RtmpServerSettings defaults(InetSocketAddress bindAddress) {
    return new RtmpServerSettings(
        bindAddress,
        256,
        0xFF_FFFF,
        1 << 20,
        64,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        4096,
        2_500_000,
        4 << 20);
  }

  /** Defaults on 127.0.0.1 and a free port, for tests and local runs. */
  public static RtmpServerSettings loopback() {
    return defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** These settings with another message size limit. */
  public RtmpServerSettings withMaxMessageBytes(int bytes) {
    return new RtmpServerSettings(
        bindAddress,
        maxConnections,
        bytes,
        maxChunkBytes,
        maxChunkStreams,
        handshakeTimeout,
        publishTimeout,
        readTimeout,
        outChunkBytes,
        windowAcknowledgementBytes,
        flvBufferBytes);
  }

  /** These settings with other timeouts. */
  public RtmpServerSettings withTimeouts(Duration handshake, Duration publish, Duration read) {
    return new RtmpServerSettings(
        bindAddress,
        maxConnections,
        maxMessageBytes,
        maxChunkBytes,
        maxChunkStreams,
        handshake,
        publish,
        read,
        outChunkBytes,
        windowAcknowledgementBytes,
        flvBufferBytes);
  }

  /** These settings with another connection limit. */
  public RtmpServerSettings withMaxConnections(int connections) {
    return new RtmpServerSettings(
        bindAddress,
        connections,
        maxMessageBytes,
        maxChunkBytes,
        maxChunkStreams,
        handshakeTimeout,
        publishTimeout,
        readTimeout,
        outChunkBytes,
        windowAcknowledgementBytes,
        flvBufferBytes);
  }

  /** These settings with another FLV buffer size. */
  public RtmpServerSettings withFlvBufferBytes(int bytes) {
    return new RtmpServerSettings(
        bindAddress,
        maxConnections,
        maxMessageBytes,
        maxChunkBytes,
        maxChunkStreams,
        handshakeTimeout,
        publishTimeout,
        readTimeout,
        outChunkBytes,
        windowAcknowledgementBytes,
        bytes);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
