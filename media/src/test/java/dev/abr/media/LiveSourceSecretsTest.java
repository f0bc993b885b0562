package dev.abr.media;

import static dev.abr.media.SrtSourceTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.abr.core.error.PipelineException;
import dev.abr.testkit.log.CapturedStderr;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets (an SRT passphrase, an RTSP password) go through a working session and a failed
 * one; neither may appear in exception messages, stack traces or what this module logs
 * (slf4j-simple at debug for dev.abr.media, on System.err, captured here).
 */
class LiveSourceSecretsTest {
  private static final String PASSPHRASE_CANARY = "canary-srt-8d2f41a7c9";
  private static final String PASSWORD_CANARY = "canary-rtsp-5b90e3d1";

  @TempDir Path folder;
  private CapturedStderr captured;

  @BeforeEach
  void captureLogs() {
    captured = CapturedStderr.start();
  }

  @AfterEach
  void restoreLogs() {
    captured.close();
  }

  @Test
  void srtSession_passphraseCanary_neverLoggedOrNamed() throws Exception {
    int port = LivePeer.freeUdpPort();
    List<String> args = new ArrayList<>(LivePeer.liveTestSource(10, true));
    args.addAll(
        List.of(
            "-f",
            "mpegts",
            "srt://127.0.0.1:"
                + port
                + "?mode=caller&connect_timeout=10000&pkt_size=1316&passphrase="
                + PASSPHRASE_CANARY));
    LiveOptions options = LiveOptions.DEFAULT.withOpenTimeout(Duration.ofSeconds(8));

    try (LivePeer caller = LivePeer.ffmpeg(args, folder);
        MediaSource source =
            MediaSource.openNetwork(
                URI.create(
                    "srt://127.0.0.1:" + port + "?mode=listener&passphrase=" + PASSPHRASE_CANARY),
                options)) {
      read(source, 5);
      assertThat(source.name()).doesNotContain(PASSPHRASE_CANARY);
      assertThat(source.toString()).doesNotContain(PASSPHRASE_CANARY);
    }

    assertThat(logs()).contains("opened live source srt://127.0.0.1:" + port);
    assertThat(logs()).doesNotContain(PASSPHRASE_CANARY);
  }

  @Test
  void rtspFailure_passwordCanary_neverLoggedOrInTheException() throws Exception {
    LiveOptions options = LiveOptions.DEFAULT.withOpenTimeout(Duration.ofSeconds(1));
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
      URI uri =
          URI.create(
              "rtsp://admin:" + PASSWORD_CANARY + "@127.0.0.1:" + silent.getLocalPort() + "/cam");

      PipelineException failure =
          catchThrowableOfType(
              PipelineException.class, () -> MediaSource.openNetwork(uri, options));

      assertThat(failure.getMessage())
          .startsWith("rtsp://***@127.0.0.1:" + silent.getLocalPort() + "/cam: ");
      assertThat(stackTrace(failure)).doesNotContain(PASSWORD_CANARY);
      assertThat(logs()).doesNotContain(PASSWORD_CANARY);
      acceptor.join(Duration.ofSeconds(5));
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  private String logs() {
    return captured.text();
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
