package dev.abr.ingest.live.rtmp;

import static dev.abr.ingest.live.rtmp.MediaTools.h264AacToFlv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.log.CapturedStderr;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary keys go through a granted publish, a refused one, a revoked one and a broken connection;
 * none may appear in what the server logs (slf4j-simple at DEBUG for this package, on System.err,
 * captured here), in exception messages the listener sees, or in the public values' text.
 */
class RtmpServerKeyLeakTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String CANARY = "canary-7f3a9c1e5b2d4";
  private static final String WRONG_CANARY = "canary-wrong-0c8e6a2f";

  @TempDir Path folder;
  private final RecordingRtmpListener listener = new RecordingRtmpListener();
  private final InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
  private CapturedStderr captured;
  private FlvCapture capture;
  private RtmpServer server;

  @BeforeEach
  void captureLogs() throws Exception {
    captured = CapturedStderr.start();
    capture = new FlvCapture(folder);
    server = RtmpServer.start(RtmpServerSettings.loopback(), authorizer, capture, listener);
  }

  @AfterEach
  void restore() {
    server.close();
    captured.close();
  }

  private int publish(String key, int seconds) throws Exception {
    return MediaTools.runFfmpeg(
        h264AacToFlv(seconds, "rtmp://127.0.0.1:" + server.port() + "/live/" + key),
        folder.resolve("ffmpeg-" + key + ".log"),
        TIMEOUT);
  }

  @Test
  void logs_grantedRefusedRevokedAndBrokenSessions_neverContainTheKey() throws Exception {
    StreamKey key = StreamKey.of(CANARY);
    authorizer.register(key, "canary-stream");

    publish(CANARY, 1);
    capture.awaitFlv("canary-stream", TIMEOUT);
    publish(WRONG_CANARY, 1);
    Process live =
        MediaTools.ffmpeg(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("-re"),
                    h264AacToFlv(20, "rtmp://127.0.0.1:" + server.port() + "/live/" + CANARY)
                        .stream())
                .toList(),
            folder.resolve("ffmpeg-live.log"));
    Awaits.until(
        "second session live", TIMEOUT, () -> server.liveStreamIds().contains("canary-stream"));
    server.disconnect(authorizer.revoke(key).orElseThrow());
    MediaTools.waitFor(live, TIMEOUT);
    publish(CANARY, 1);
    Awaits.until("all connections closed", TIMEOUT, () -> server.openConnections() == 0);

    String logs = captured.text();
    assertThat(logs).contains("canary-stream").contains("UNKNOWN_KEY").contains("REVOKED_KEY");
    assertThat(logs).doesNotContain(CANARY).doesNotContain(WRONG_CANARY);
    assertThat(listener.failures)
        .allSatisfy(e -> assertThat(String.valueOf(e)).doesNotContain("canary-"));
    assertThat(key.toString()).doesNotContain(CANARY);
    assertThat(authorizer.toString()).doesNotContain(CANARY);
    assertThat(capture.sessions).allSatisfy(s -> assertThat(s.toString()).doesNotContain(CANARY));
  }
}
