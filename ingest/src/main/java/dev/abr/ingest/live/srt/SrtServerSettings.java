package dev.abr.ingest.live.srt;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Limits and tuning of an {@link SrtServer}. Durations are wall-clock.
 *
 * @param bindAddress the UDP address to listen on; port 0 picks a free port
 * @param latency the receiver latency ({@code SRTO_LATENCY}): how long libsrt holds packets to
 *     recover losses before delivering them; the connection uses the larger of both sides'
 * @param maxConnections sessions open at once; more callers are refused ({@link
 *     SrtRefusalReason#OVER_CAPACITY})
 * @param readTimeout longest silence from a caller before its session ends ({@code SRTO_RCVTIMEO},
 *     {@link SrtCloseReason#TIMED_OUT}); libsrt itself declares a peer lost after 5 s without any
 *     packet
 * @param listenBacklog the {@code srt_listen} backlog: finished handshakes libsrt queues for the
 *     accepting thread
 * @param handshakeTimeout how long a grant waits to be accepted; a grant whose handshake then
 *     failed (a wrong passphrase: libsrt does not say) is forgotten after it
 * @param payloadBytes the live-mode payload size ({@code SRTO_PAYLOADSIZE}), 1316 = 7 TS packets;
 *     at most 1456
 * @param keyLengthBytes the AES key length imposed on callers ({@code SRTO_PBKEYLEN}: 16, 24 or
 *     32), or 0 to take the caller's, as libsrt recommends for a receiver
 * @param tsBufferBytes TS bytes buffered per session for its consumer; a consumer further behind
 *     ends the session ({@link SrtCloseReason#CONSUMER_TOO_SLOW})
 */
public record SrtServerSettings(
    InetSocketAddress bindAddress,
    Duration latency,
    int maxConnections,
    Duration readTimeout,
    int listenBacklog,
    Duration handshakeTimeout,
    int payloadBytes,
    int keyLengthBytes,
    int tsBufferBytes) {
  /** The customary SRT listener port. */
  public static final int DEFAULT_PORT = 9000;

  public SrtServerSettings {
    positive("maxConnections", maxConnections);
    positive("listenBacklog", listenBacklog);
    if (payloadBytes < 1 || payloadBytes > LibSrt.SRT_LIVE_MAX_PLSIZE) {
      throw new IllegalArgumentException(
          "payloadBytes must be 1 to " + LibSrt.SRT_LIVE_MAX_PLSIZE + ": " + payloadBytes);
    }
    if (keyLengthBytes != 0
        && keyLengthBytes != 16
        && keyLengthBytes != 24
        && keyLengthBytes != 32) {
      throw new IllegalArgumentException(
          "keyLengthBytes must be 0 (the caller's), 16, 24 or 32: " + keyLengthBytes);
    }
    if (tsBufferBytes < LibSrt.SRT_LIVE_MAX_PLSIZE) {
      throw new IllegalArgumentException(
          "tsBufferBytes must hold one message of "
              + LibSrt.SRT_LIVE_MAX_PLSIZE
              + " bytes: "
              + tsBufferBytes);
    }
    if (latency.isNegative() || latency.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("latency must be 0 or more and fit in int ms: " + latency);
    }
    for (Duration timeout : new Duration[] {readTimeout, handshakeTimeout}) {
      if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "timeouts must be at least 1 ms and fit in int ms: " + timeout);
      }
    }
  }

  /**
   * Defaults on {@code bindAddress}: 120 ms latency, 64 sessions, 5 s read timeout, a backlog of 16
   * handshakes, 10 s to accept a handshake, 1316-byte payloads, the caller's key length, 8 MiB of
   * TS buffered per session.
   */
  public static SrtServerSettings defaults(InetSocketAddress bindAddress) {
    return new SrtServerSettings(
        bindAddress,
        Duration.ofMillis(120),
        64,
        Duration.ofSeconds(5),
        16,
        Duration.ofSeconds(10),
        1316,
        0,
        8 << 20);
  }

  /** Defaults on 127.0.0.1 and a free port, for tests and local runs. */
  public static SrtServerSettings loopback() {
    return defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** These settings with another read timeout. */
  public SrtServerSettings withReadTimeout(Duration timeout) {
    return new SrtServerSettings(
        bindAddress,
        latency,
        maxConnections,
        timeout,
        listenBacklog,
        handshakeTimeout,
        payloadBytes,
        keyLengthBytes,
        tsBufferBytes);
  }

  /** These settings with another session limit. */
  public SrtServerSettings withMaxConnections(int connections) {
    return new SrtServerSettings(
        bindAddress,
        latency,
        connections,
        readTimeout,
        listenBacklog,
        handshakeTimeout,
        payloadBytes,
        keyLengthBytes,
        tsBufferBytes);
  }

  /** These settings with another TS buffer size. */
  public SrtServerSettings withTsBufferBytes(int bytes) {
    return new SrtServerSettings(
        bindAddress,
        latency,
        maxConnections,
        readTimeout,
        listenBacklog,
        handshakeTimeout,
        payloadBytes,
        keyLengthBytes,
        bytes);
  }

  /** These settings with another imposed key length (0 for the caller's). */
  public SrtServerSettings withKeyLengthBytes(int bytes) {
    return new SrtServerSettings(
        bindAddress,
        latency,
        maxConnections,
        readTimeout,
        listenBacklog,
        handshakeTimeout,
        payloadBytes,
        bytes,
        tsBufferBytes);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
