package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.abr.ingest.live.srt.RecordingSrtListener.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled FFmpeg publishes MPEG-TS over SRT to a real server on a loopback UDP port. */
class SrtServerFfmpegTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PASSPHRASE = "correct-horse-battery";
  private static final int TS_PACKET_BYTES = 188;

  @TempDir Path folder;
  private final RecordingSrtListener listener = new RecordingSrtListener();
  private final InMemorySrtAuthorizer authorizer = new InMemorySrtAuthorizer();
  private final List<Process> publishers = new ArrayList<>();
  private TsCapture capture;
  private SrtServer server;

  @BeforeEach
  void startServer() throws Exception {
    capture = new TsCapture(folder);
    server = SrtServer.start(SrtServerSettings.loopback(), authorizer, capture, listener);
  }

  @AfterEach
  void stopServer() {
    server.close();
    publishers.forEach(Process::destroyForcibly);
  }

  /** Restarts the server with other settings or another handler. */
  private void restart(SrtServerSettings settings, SrtPublishHandler handler) throws Exception {
    server.close();
    server = SrtServer.start(settings, authorizer, handler, listener);
  }

  private Process publish(String name, String streamId, @Nullable String passphrase, int seconds)
      throws Exception {
    Process process =
        SrtClients.ffmpeg(
            SrtClients.liveTs(seconds, SrtClients.url(server.port(), streamId, passphrase)),
            folder.resolve("ffmpeg-" + name + ".log"));
    publishers.add(process);
    return process;
  }

  private int publishToEnd(String name, String streamId, @Nullable String passphrase, int seconds)
      throws Exception {
    return SrtClients.waitFor(publish(name, streamId, passphrase, seconds), TIMEOUT);
  }

  private String log(String name) throws Exception {
    return Files.readString(folder.resolve("ffmpeg-" + name + ".log"));
  }

  @Test
  void publish_plainStreamIdAndPassphrase_deliversH264AacTransportStream() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    int exit = publishToEnd("one", "one", PASSPHRASE, 3);

    Path ts = capture.awaitTs("one", TIMEOUT);
    byte[] bytes = Files.readAllBytes(ts);
    assertThat(exit).as(log("one")).isZero();
    assertThat(bytes.length % TS_PACKET_BYTES).isZero();
    for (int i = 0; i < bytes.length; i += TS_PACKET_BYTES) {
      assertThat(bytes[i])
          .as("sync byte of TS packet %d", i / TS_PACKET_BYTES)
          .isEqualTo((byte) 0x47);
    }
    SrtClients.Probe probe = SrtClients.probe(ts);
    assertThat(probe.streams()).containsExactlyInAnyOrder("video/h264", "audio/aac");
    assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.5));
  }

  @Test
  void publish_accessControlStreamId_isAccepted() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    int exit = publishToEnd("one", "#!::r=one,m=publish", PASSPHRASE, 1);

    capture.awaitTs("one", TIMEOUT);
    assertThat(exit).as(log("one")).isZero();
    assertThat(listener.started).containsExactly("one");
  }

  @Test
  void publish_wrongPassphrase_failsTheHandshakeWithoutASession() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    int exit = publishToEnd("one", "one", "not-the-passphrase", 1);

    assertThat(exit).isNotZero();
    assertThat(listener.requested).isNotEmpty();
    assertThat(listener.started).isEmpty();
    assertThat(capture.sessions).isEmpty();
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void publish_afterWrongPassphraseAttempts_theRightfulCallerIsAccepted() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(publishToEnd("wrong-" + attempt, "one", "not-the-passphrase", 1)).isNotZero();
    }

    int exit = publishToEnd("one", "one", PASSPHRASE, 1);

    capture.awaitTs("one", TIMEOUT);
    assertThat(exit).as(log("one")).isZero();
    assertThat(listener.started).containsExactly("one");
  }

  @Test
  void publish_withoutPassphrase_failsTheHandshakeWithoutASession() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    int exit = publishToEnd("one", "one", null, 1);

    assertThat(exit).isNotZero();
    assertThat(listener.requested).isNotEmpty();
    assertThat(listener.started).isEmpty();
    assertThat(capture.sessions).isEmpty();
  }

  @Test
  void publish_unknownStreamId_isRefusedAsUnknownStream() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    int exit = publishToEnd("other", "other", PASSPHRASE, 1);

    assertThat(exit).isNotZero();
    assertThat(listener.refused)
        .containsExactly(new Refusal("other", SrtRefusalReason.UNKNOWN_STREAM));
    assertThat(capture.sessions).isEmpty();
  }

  @Test
  void publish_requestMode_isRefusedAsUnsupportedMode() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    int exit = publishToEnd("one", "#!::r=one,m=request", PASSPHRASE, 1);

    assertThat(exit).isNotZero();
    assertThat(listener.refused)
        .containsExactly(new Refusal("one", SrtRefusalReason.UNSUPPORTED_MODE));
    assertThat(capture.sessions).isEmpty();
  }

  @Test
  void publish_secondPublisherOfALiveStream_isRefusedWhileTheFirstContinues() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    Process first = publish("first", "one", PASSPHRASE, 4);
    capture.awaitBytes("one", TIMEOUT);

    int secondExit = publishToEnd("second", "one", PASSPHRASE, 1);

    int firstExit = SrtClients.waitFor(first, TIMEOUT);
    SrtClients.Probe probe = SrtClients.probe(capture.awaitTs("one", TIMEOUT));
    assertThat(secondExit).isNotZero();
    assertThat(listener.refused)
        .containsExactly(new Refusal("one", SrtRefusalReason.ALREADY_PUBLISHING));
    assertThat(firstExit).as(log("first")).isZero();
    assertThat(probe.durationSeconds()).isCloseTo(4.0, within(0.5));
    assertThat(capture.sessions).hasSize(1);
  }

  @Test
  void publish_twoStreamsAtOnce_bothDeliverTheirTransportStream() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    authorizer.register("two", SrtPassphrase.of("another-passphrase"));

    Process one = publish("one", "one", PASSPHRASE, 3);
    Process two = publish("two", "#!::r=two,m=publish", "another-passphrase", 3);

    assertThat(SrtClients.waitFor(one, TIMEOUT)).as(log("one")).isZero();
    assertThat(SrtClients.waitFor(two, TIMEOUT)).as(log("two")).isZero();
    for (String id : new String[] {"one", "two"}) {
      SrtClients.Probe probe = SrtClients.probe(capture.awaitTs(id, TIMEOUT));
      assertThat(probe.streams()).as(id).containsExactly("video/h264", "audio/aac");
      assertThat(probe.durationSeconds()).as(id).isCloseTo(3.0, within(0.5));
    }
    assertThat(listener.started).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void publish_callerFinishes_endsTheTsStreamAsClientClosed() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    publishToEnd("one", "one", PASSPHRASE, 1);

    capture.awaitTs("one", TIMEOUT); // the consumer read to the end of the stream
    assertThat(listener.awaitEnded("one", TIMEOUT)).isEqualTo(SrtCloseReason.CLIENT_CLOSED);
    assertThat(capture.sessions.get(0).end()).contains(SrtCloseReason.CLIENT_CLOSED);
    assertThat(server.liveStreamIds()).isEmpty();
  }

  @Test
  void close_serverWithLiveSession_endsItAsServerStopped() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    Process ffmpeg = publish("one", "one", PASSPHRASE, 30);
    capture.awaitBytes("one", TIMEOUT);

    server.close();

    Path ts = capture.awaitTs("one", TIMEOUT);
    assertThat(capture.sessions.get(0).end()).contains(SrtCloseReason.SERVER_STOPPED);
    assertThat(Files.size(ts)).isPositive();
    assertThat(SrtClients.waitFor(ffmpeg, TIMEOUT)).isNotZero();
  }

  @Test
  void disconnect_liveStream_endsItAsDisconnected() throws Exception {
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    Process ffmpeg = publish("one", "one", PASSPHRASE, 30);
    capture.awaitBytes("one", TIMEOUT);

    boolean wasLive = server.disconnect("one");

    capture.awaitTs("one", TIMEOUT);
    assertThat(wasLive).isTrue();
    assertThat(listener.awaitEnded("one", TIMEOUT)).isEqualTo(SrtCloseReason.DISCONNECTED);
    assertThat(SrtClients.waitFor(ffmpeg, TIMEOUT)).isNotZero();
    assertThat(server.liveStreamIds()).isEmpty();
  }

  @Test
  void publish_beyondMaxConnections_isRefusedAsOverCapacity() throws Exception {
    restart(SrtServerSettings.loopback().withMaxConnections(1), capture);
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    authorizer.register("two", SrtPassphrase.of(PASSPHRASE));
    publish("one", "one", PASSPHRASE, 30);
    capture.awaitBytes("one", TIMEOUT);

    int exit = publishToEnd("two", "two", PASSPHRASE, 1);

    assertThat(exit).isNotZero();
    assertThat(listener.refused)
        .containsExactly(new Refusal("two", SrtRefusalReason.OVER_CAPACITY));
    assertThat(server.liveStreamIds()).containsExactly("one");
  }

  @Test
  void publish_consumerNotReading_endsTheSessionAsConsumerTooSlow() throws Exception {
    CompletableFuture<Void> handlerMayReturn = new CompletableFuture<>();
    restart(
        SrtServerSettings.loopback().withTsBufferBytes(64 * 1024),
        session -> handlerMayReturn.join());
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    try {
      Process ffmpeg = publish("one", "one", PASSPHRASE, 30);

      SrtCloseReason reason = listener.awaitEnded("one", TIMEOUT);

      assertThat(reason).isEqualTo(SrtCloseReason.CONSUMER_TOO_SLOW);
      assertThat(SrtClients.waitFor(ffmpeg, TIMEOUT)).isNotZero();
    } finally {
      handlerMayReturn.complete(null);
    }
  }

  @Test
  void publish_callerSilentPastReadTimeout_endsTheSessionAsTimedOut() throws Exception {
    restart(SrtServerSettings.loopback().withReadTimeout(Duration.ofSeconds(1)), capture);
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));
    Process ffmpeg = publish("one", "one", PASSPHRASE, 30);
    capture.awaitBytes("one", TIMEOUT);

    signal(
        "STOP", ffmpeg); // frozen: sends nothing, not even keep-alives; libsrt waits 5 s for those

    assertThat(listener.awaitEnded("one", TIMEOUT)).isEqualTo(SrtCloseReason.TIMED_OUT);
    signal("CONT", ffmpeg);
  }

  @Test
  void publish_handlerThrows_endsTheSessionAsConsumerClosed() throws Exception {
    restart(
        SrtServerSettings.loopback(),
        session -> {
          throw new IllegalStateException("handler broke");
        });
    authorizer.register("one", SrtPassphrase.of(PASSPHRASE));

    Process ffmpeg = publish("one", "one", PASSPHRASE, 30);

    assertThat(listener.awaitEnded("one", TIMEOUT)).isEqualTo(SrtCloseReason.CONSUMER_CLOSED);
    assertThat(listener.handlerFailures)
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessage("handler broke"));
    assertThat(SrtClients.waitFor(ffmpeg, TIMEOUT)).isNotZero();
  }

  private static void signal(String signal, Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
    assertThat(SrtClients.waitFor(kill, TIMEOUT)).as("kill -%s", signal).isZero();
  }
}
