package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.testkit.log.CapturedStderr;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary passphrases go through a granted publish, a wrong passphrase, a refused stream and stream
 * ids that carry them in keys the server ignores; none may appear in what the server and libsrt log
 * (slf4j-simple at DEBUG for this package, on System.err, captured here), in failures the listener
 * sees, or in the public values' text.
 */
class SrtServerPassphraseLeakTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String CANARY = "canary-7f3a9c1e5b2d4";
  private static final String WRONG_CANARY = "canary-wrong-0c8e6a2f";

  @TempDir Path folder;
  private final RecordingSrtListener listener = new RecordingSrtListener();
  private final InMemorySrtAuthorizer authorizer = new InMemorySrtAuthorizer();
  private CapturedStderr captured;
  private TsCapture capture;
  private SrtServer server;

  @BeforeEach
  void captureLogs() throws Exception {
    captured = CapturedStderr.start();
    capture = new TsCapture(folder);
    server = SrtServer.start(SrtServerSettings.loopback(), authorizer, capture, listener);
  }

  @AfterEach
  void restore() {
    server.close();
    captured.close();
  }

  private int publish(String name, String streamId, @Nullable String passphrase) throws Exception {
    return SrtClients.waitFor(
        SrtClients.ffmpeg(
            SrtClients.liveTs(1, SrtClients.url(server.port(), streamId, passphrase)),
            folder.resolve("ffmpeg-" + name + ".log")),
        TIMEOUT);
  }

  @Test
  void logs_grantedWrongAndRefusedHandshakes_neverContainThePassphrase() throws Exception {
    SrtPassphrase passphrase = SrtPassphrase.of(CANARY);
    authorizer.register("canary-stream", passphrase);

    publish("granted", "canary-stream", CANARY);
    capture.awaitTs("canary-stream", TIMEOUT);
    listener.awaitEnded("canary-stream", TIMEOUT);
    publish("wrong", "canary-stream", WRONG_CANARY);
    publish("unknown", "nobody", CANARY);
    publish("request", "#!::r=canary-stream,m=request,x-secret=" + WRONG_CANARY, CANARY);
    publish("malformed", "#!:" + WRONG_CANARY, CANARY);

    String logs = captured.text();
    assertThat(logs)
        .contains("stream canary-stream is live")
        .contains("UNKNOWN_STREAM")
        .contains("UNSUPPORTED_MODE")
        .contains("MALFORMED_STREAM_ID")
        .contains("libsrt");
    assertThat(logs).doesNotContain(CANARY).doesNotContain(WRONG_CANARY);
    assertThat(listener.refused)
        .allSatisfy(refusal -> assertThat(refusal.requested()).doesNotContain("canary-wrong"));
    assertThat(listener.failures)
        .allSatisfy(e -> assertThat(String.valueOf(e)).doesNotContain("canary-"));
    assertThat(passphrase.toString()).doesNotContain(CANARY);
    assertThat(SrtAuthorization.grant("canary-stream", passphrase).toString())
        .doesNotContain(CANARY);
    assertThat(authorizer.toString()).doesNotContain(CANARY);
    assertThat(capture.sessions).allSatisfy(s -> assertThat(s.toString()).doesNotContain(CANARY));
  }
}
