package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.testkit.kafka.Awaits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken clients: each connection is closed cleanly and the server keeps serving. */
class RtmpServerRobustnessTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path folder;
  private final RecordingRtmpListener listener = new RecordingRtmpListener();
  private RtmpServer server;

  private RtmpServer start(RtmpServerSettings settings) throws IOException {
    server =
        RtmpServer.start(
            settings, new InMemoryAuthorizer("live"), new FlvCapture(folder), listener);
    return server;
  }

  private static RtmpServerSettings shortTimeouts() {
    return RtmpServerSettings.loopback()
        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void assertServerHealthy() throws IOException {
    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      assertThat(client.simpleHandshake()).isZero();
    }
    Awaits.until("all connections closed", TIMEOUT, () -> server.openConnections() == 0);
  }

  /** A connect command as FFmpeg sends it, on chunk stream 3. */
  private static byte[] connectCommand() {
    byte[] body =
        Amf0.encode(
            Amf0Value.string("connect"),
            Amf0Value.number(1),
            Amf0Value.object("app", Amf0Value.string("live")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        HEX.parseHex("03" + "000000" + "%06x".formatted(body.length) + "14" + "00000000"));
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Test
  void connection_httpRequestInsteadOfHandshake_isClosed() throws IOException {
    start(shortTimeouts());

    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(client.awaitClosedByServer(TIMEOUT)).isTrue();
    }
    Awaits.until(
        "closed as protocol error",
        TIMEOUT,
        () -> listener.closed.contains(CloseReason.PROTOCOL_ERROR));
    assertServerHealthy();
  }

  @Test
  void connection_truncatedHandshake_isClosedAfterHandshakeTimeout() throws IOException {
    start(
        shortTimeouts()
            .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5)));

    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      client.send(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});

      assertThat(client.awaitClosedByServer(TIMEOUT)).isTrue();
    }
    Awaits.until(
        "closed as timed out", TIMEOUT, () -> listener.closed.contains(CloseReason.TIMED_OUT));
    assertServerHealthy();
  }

  @Test
  void connection_clientLeavesMidHandshake_isClosedAsClientClosed() throws IOException {
    start(shortTimeouts());

    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      client.send(new byte[] {3, 0, 0, 0});
    }

    Awaits.until(
        "closed as client closed",
        TIMEOUT,
        () -> listener.closed.contains(CloseReason.CLIENT_CLOSED));
    assertServerHealthy();
  }

  @Test
  void connection_silentAfterHandshake_isClosedAfterReadTimeout() throws IOException {
    start(shortTimeouts());

    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      client.simpleHandshake();

      assertThat(client.awaitClosedByServer(TIMEOUT)).isTrue();
    }
    Awaits.until(
        "closed as timed out", TIMEOUT, () -> listener.closed.contains(CloseReason.TIMED_OUT));
    assertServerHealthy();
  }

  @Test
  void connection_messageAboveLimit_isClosedBeforeItIsRead() throws IOException {
    start(RtmpServerSettings.loopback().withMaxMessageBytes(64 * 1024));

    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      client.simpleHandshake();
      client.send(HEX.parseHex("06" + "000000" + "100000" + "09" + "01000000")); // 1 MiB video

      assertThat(client.awaitClosedByServer(TIMEOUT)).isTrue();
    }
    Awaits.until(
        "closed as protocol error",
        TIMEOUT,
        () -> listener.closed.contains(CloseReason.PROTOCOL_ERROR));
    assertThat(listener.failures)
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("above the limit of 65536 bytes"));
    assertServerHealthy();
  }

  @Test
  void connection_videoBeforePublish_isClosedAndNoSessionStarts() throws IOException {
    start(shortTimeouts());

    try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
      client.simpleHandshake();
      client.send(connectCommand());
      client.send(HEX.parseHex("06" + "000000" + "000005" + "09" + "01000000" + "1701000000"));

      assertThat(client.awaitClosedByServer(TIMEOUT)).isTrue();
    }
    Awaits.until(
        "closed as protocol error",
        TIMEOUT,
        () -> listener.closed.contains(CloseReason.PROTOCOL_ERROR));
    assertThat(listener.started).isEmpty();
    assertThat(listener.tags).isEmpty();
    assertServerHealthy();
  }

  @Test
  void connection_randomBytesAfterHandshake_isClosed() throws IOException {
    start(shortTimeouts());
    Random random = new Random(42);

    for (int attempt = 0; attempt < 20; attempt++) {
      try (RawRtmpClient client = RawRtmpClient.connect(server.port())) {
        client.simpleHandshake();
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        client.send(garbage);

        assertThat(client.awaitClosedByServer(TIMEOUT)).as("attempt %d", attempt).isTrue();
      }
    }
    Awaits.until("20 connections closed", TIMEOUT, () -> listener.closed.size() == 20);
    assertThat(listener.closed).doesNotContain(CloseReason.INTERNAL_ERROR);
    assertServerHealthy();
  }

  @Test
  void connection_aboveConnectionLimit_isClosedOnAccept() throws IOException {
    start(RtmpServerSettings.loopback().withMaxConnections(2));

    try (RawRtmpClient first = RawRtmpClient.connect(server.port());
        RawRtmpClient second = RawRtmpClient.connect(server.port())) {
      first.simpleHandshake();
      second.simpleHandshake();
      try (RawRtmpClient third = RawRtmpClient.connect(server.port())) {
        assertThat(third.awaitClosedByServer(TIMEOUT)).isTrue();
      }
    }
    Awaits.until(
        "closed over capacity", TIMEOUT, () -> listener.closed.contains(CloseReason.OVER_CAPACITY));
    assertServerHealthy();
  }
}
