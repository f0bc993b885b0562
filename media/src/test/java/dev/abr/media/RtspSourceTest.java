package dev.abr.media;

import static dev.abr.media.SrtSourceTest.drain;
import static dev.abr.media.SrtSourceTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.testkit.media.RtspTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTSP pulls from GStreamer's RTSP server (H.264 + AAC), over TCP and UDP, a server that is killed
 * and one that hangs.
 */
class RtspSourceTest {
  private static final LiveOptions OPTIONS =
      LiveOptions.DEFAULT
          .withOpenTimeout(Duration.ofSeconds(8))
          .withReadTimeout(Duration.ofSeconds(2));

  /** Ports for RTP over UDP: in the kernel's ephemeral range; FFmpeg skips pairs in use. */
  private static final LiveOptions.PortRange RTP_PORTS = new LiveOptions.PortRange(41000, 60999);

  @TempDir static Path shared;
  @TempDir Path folder;
  private static RtspTestServer server;

  @BeforeAll
  static void startServer() {
    server = RtspTestServer.start(shared);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void openNetwork_rtspOverTcp_receivesVideoAndAudio() {
    try (MediaSource source = MediaSource.openNetwork(server.uri(), OPTIONS)) {
      assertThat(source.info().video())
          .hasValueSatisfying(v -> assertThat(v.codec()).isEqualTo("h264"));
      assertThat(source.info().audio())
          .hasValueSatisfying(a -> assertThat(a.codec()).isEqualTo("aac"));
      assertThat(read(source, 25)).isNotEmpty();
    }
  }

  @Test
  void openNetwork_rtspOverUdp_receivesVideoAndAudio() {
    LiveOptions udp = OPTIONS.withRtsp(LiveOptions.RtspTransport.UDP, RTP_PORTS);

    try (MediaSource source = MediaSource.openNetwork(server.uri(), udp)) {
      assertThat(source.info().audio()).isPresent();
      assertThat(read(source, 25)).isNotEmpty();
    }
  }

  @Test
  void openNetwork_serverAcceptsAndNeverAnswers_failsRetriableWithinOpenTimeout() throws Exception {
    LiveOptions options = OPTIONS.withOpenTimeout(Duration.ofSeconds(2));
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      accepted.add(silent.accept());
                    } catch (IOException closed) {
                      // The test is over.
                    }
                  });
      long start = System.nanoTime();

      assertThatThrownBy(
              () ->
                  MediaSource.openNetwork(
                      URI.create("rtsp://127.0.0.1:" + silent.getLocalPort() + "/test"), options))
          .isInstanceOfSatisfying(
              PipelineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
          .hasMessageStartingWith("rtsp://127.0.0.1:" + silent.getLocalPort() + "/test: ");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(options.openTimeout().plusSeconds(2));
      acceptor.join(Duration.ofSeconds(5));
      assertThat(accepted).as("our client connected").hasSize(1);
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void next_serverKilled_endsOrFailsRetriableWithinReadTimeout() throws Exception {
    try (RtspTestServer ownServer = RtspTestServer.start(folder);
        MediaSource source = MediaSource.openNetwork(ownServer.uri(), OPTIONS)) {
      read(source, 10);
      ownServer.kill();
      long killed = System.nanoTime();

      Optional<PipelineException> failure = drain(source);

      failure.ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - killed))
          .isLessThan(OPTIONS.readTimeout().plusSeconds(2));
    }
  }
}
