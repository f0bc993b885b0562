package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.media.LiveOptions;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.log.CapturedStderr;
import dev.abr.testkit.media.RtspTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Pulled live sources through {@code abr run}'s server, from real peers: MPEG-TS over UDP sent by
 * the bundled ffmpeg (640x360 test picture with a tone, x264 veryfast, key frame every second, AAC,
 * in real time), and RTSP over TCP and over UDP from GStreamer's RTSP server. The UDP sender sends
 * 10 s and stops: the pull fails after the read timeout, the run waits out the reconnect window and
 * ends; sending again starts a new run. The API and the logs show a pull URL's credentials masked.
 */
class LivePullTest {
  private static final int SEND_SECONDS = 10;
  private static final Duration READ_TIMEOUT = LiveOptions.DEFAULT.readTimeout();
  private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PASSWORD = "canary-pull-password-4c1e9b";

  @TempDir static Path folder;

  private static LiveHarness live;
  private static RtspTestServer rtsp;
  private static LiveHarness.Stream udp;
  private static String firstPrefix;
  private static String playlistWhileLive;
  private static String mpdWhileLive;
  private static Duration silenceToReconnecting;
  private static Duration reconnectingToIdle;
  private static String secondRunId;

  /**
   * Sends to a UDP-pulled stream until the first run ends, then again until a second run starts,
   * noting when the API saw the connection end (state {@code reconnecting}) and the run end ({@code
   * idle}).
   */
  @BeforeAll
  static void pullFromAUdpSenderTwice() {
    live = LiveHarness.start(folder, RECONNECT_WINDOW);
    rtsp = RtspTestServer.start(folder);
    int port = freeUdpPort();
    udp =
        live.create(
            "udp-feed",
            "\"dvrSegments\": 0, \"pull\": {\"url\": \"udp://127.0.0.1:" + port + "\"}");
    List<String> output = List.of("-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316");

    Process sender = live.send(SEND_SECONDS, output);
    JsonNode first = live.awaitRun(udp.id(), TIMEOUT);
    firstPrefix = LiveHarness.prefix(udp.id(), first);
    playlistWhileLive =
        live.awaitPackageFile(
            firstPrefix + "/360p/playlist.m3u8",
            TIMEOUT,
            t -> t.contains("#EXTINF"),
            "lists a segment");
    mpdWhileLive =
        live.awaitPackageFile(
            firstPrefix + "/manifest.mpd", TIMEOUT, t -> t.contains("<S "), "lists a segment");
    LiveHarness.Exit exit = LiveHarness.await(sender, TIMEOUT);
    assertThat(exit.code()).as(exit.output()).isZero();
    long silent = System.nanoTime();
    awaitState(udp.id(), "reconnecting");
    long reconnecting = System.nanoTime();
    awaitState(udp.id(), "idle");
    long idle = System.nanoTime();
    silenceToReconnecting = Duration.ofNanos(reconnecting - silent);
    reconnectingToIdle = Duration.ofNanos(idle - reconnecting);
    live.awaitEnded(firstPrefix, TIMEOUT);

    Process again = live.send(SEND_SECONDS, output);
    Awaits.until(
        "stream " + udp.id() + " has a second run",
        TIMEOUT,
        () -> {
          JsonNode run = live.stream(udp.id()).path("run");
          return run.isObject() && !run.path("runId").asText().equals(first.path("runId").asText());
        });
    secondRunId = live.stream(udp.id()).path("run").path("runId").asText();
    again.destroyForcibly();
    live.api("DELETE", "/api/streams/" + udp.id(), null); // ends the second run now
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
    if (rtsp != null) {
      rtsp.close();
    }
  }

  private static void awaitState(String id, String state) {
    Awaits.until(
        "stream " + id + " is " + state,
        TIMEOUT,
        () -> live.stream(id).path("state").asText().equals(state));
  }

  @Test
  void udpPull_whileSending_isPackagedLive() {
    assertThat(playlistWhileLive).contains("#EXTINF").doesNotContain("#EXT-X-ENDLIST");
    assertThat(mpdWhileLive).contains("type=\"dynamic\"");
  }

  @Test
  void udpPull_senderStops_connectionEndsAfterTheReadTimeout() {
    assertThat(silenceToReconnecting)
        .isBetween(READ_TIMEOUT.minusSeconds(1), READ_TIMEOUT.plusSeconds(2));
  }

  @Test
  void udpPull_senderStops_runEndsAfterTheReconnectWindow() {
    assertThat(reconnectingToIdle)
        .isBetween(RECONNECT_WINDOW.minusMillis(500), RECONNECT_WINDOW.plusSeconds(2));
  }

  @Test
  void udpPull_senderStops_playlistsEndAndTheMpdIsStatic() {
    for (String rendition : List.of("360p", "240p", "audio")) {
      PlaylistText playlist = live.playlist(firstPrefix, rendition);
      assertThat(playlist.ended()).as(rendition).isTrue();
      assertThat(playlist.segments())
          .as(rendition)
          .hasSizeGreaterThanOrEqualTo(SEND_SECONDS / 2 - 1);
    }
    assertThat(live.packageFile(firstPrefix + "/manifest.mpd").orElseThrow())
        .contains("type=\"static\"");
  }

  @Test
  void udpPull_senderStartsAgain_pullReconnectsAndStartsANewRun() {
    assertThat(secondRunId)
        .isNotBlank()
        .isNotEqualTo(firstPrefix.substring(firstPrefix.lastIndexOf('/') + 1));
  }

  @Test
  void rtspPull_overTcp_isPackagedLiveWithVideoAndAudio() {
    assertPackagedLive(live.create("rtsp-tcp", pull(rtsp.url(""), "tcp")));
  }

  @Test
  void rtspPull_overUdp_isPackagedLiveWithVideoAndAudio() {
    assertPackagedLive(live.create("rtsp-udp", pull(rtsp.url(""), "udp")));
  }

  @Test
  void pullUrlCredentials_apiShowsTheRedactedUrlOnly() {
    String body =
        "{\"name\": \"credentials\", \"ladder\": \"small\", "
            + pull(rtsp.url("user:" + PASSWORD), "tcp")
            + "}";

    HttpResponse<String> created = live.api("POST", "/api/streams", body);
    String id = json(created.body()).path("stream").path("id").asText();
    try {
      String list = live.api("GET", "/api/streams", null).body();
      String shown = live.api("GET", "/api/streams/" + id, null).body();

      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.body()).doesNotContain(PASSWORD);
      assertThat(list)
          .doesNotContain(PASSWORD)
          .contains("\"pull\":\"rtsp://***@127.0.0.1:" + rtsp.port() + "/test\"");
      assertThat(shown)
          .doesNotContain(PASSWORD)
          .contains("\"pull\":\"rtsp://***@127.0.0.1:" + rtsp.port() + "/test\"");
    } finally {
      live.api("DELETE", "/api/streams/" + id, null);
    }
  }

  @Test
  void pullUrlCredentials_workingPull_neverLogged() {
    String logs;
    try (CapturedStderr captured = CapturedStderr.start()) {
      LiveHarness.Stream stream =
          live.create("credentials-live", pull(rtsp.url("user:" + PASSWORD), "tcp"));
      try {
        JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
        live.awaitPackageFile(
            LiveHarness.prefix(stream.id(), run) + "/360p/playlist.m3u8",
            TIMEOUT,
            t -> t.contains("#EXTINF"),
            "lists a segment");
      } finally {
        live.api("DELETE", "/api/streams/" + stream.id(), null);
      }
      Pattern ended = Pattern.compile("stream " + stream.id() + ": run \\S+ ended after ");
      Awaits.until(
          "the run of " + stream.id() + " ended",
          TIMEOUT,
          () -> ended.matcher(captured.text()).find());
      logs = captured.text();
    }

    assertThat(logs).contains("opened live source rtsp://***@127.0.0.1:" + rtsp.port() + "/test");
    assertThat(logs).doesNotContain(PASSWORD);
  }

  @Test
  void pullUrlCredentials_unreachableSource_neverLogged() {
    int closedPort = freeTcpPort();
    String logs;
    try (CapturedStderr captured = CapturedStderr.start()) {
      LiveHarness.Stream stream =
          live.create(
              "credentials-down",
              pull("rtsp://user:" + PASSWORD + "@127.0.0.1:" + closedPort + "/test", "tcp"));
      try {
        Awaits.until(
            "the pull of " + stream.id() + " failed",
            TIMEOUT,
            () -> captured.text().contains("stream " + stream.id() + ": cannot read "));
      } finally {
        live.api("DELETE", "/api/streams/" + stream.id(), null);
      }
      logs = captured.text();
    }

    assertThat(logs).contains("cannot read rtsp://***@127.0.0.1:" + closedPort + "/test");
    assertThat(logs).doesNotContain(PASSWORD);
  }

  @Test
  void delete_whileThePullIsOpening_returnsAtOnceAndNoRunStarts() {
    int port = freeUdpPort();
    // The sender runs, so the pull's open (which waits up to the 10 s open timeout) would succeed.
    Process sender =
        live.send(
            SEND_SECONDS, List.of("-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316"));
    LiveHarness.Stream stream =
        live.create("deleted-early", "\"pull\": {\"url\": \"udp://127.0.0.1:" + port + "\"}");

    long start = System.nanoTime();
    int status = live.api("DELETE", "/api/streams/" + stream.id(), null).statusCode();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    sender.destroyForcibly();

    assertThat(status).isEqualTo(204);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(live.server().live().ingest().run(stream.id())).isEmpty();
  }

  /**
   * Waits for the stream's run to list a segment of video and of audio, then deletes the stream.
   */
  private static void assertPackagedLive(LiveHarness.Stream stream) {
    String prefix;
    String video;
    String audio;
    String multivariant;
    String mpd;
    try {
      JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
      prefix = LiveHarness.prefix(stream.id(), run);
      video =
          live.awaitPackageFile(
              prefix + "/360p/playlist.m3u8",
              TIMEOUT,
              t -> t.contains("#EXTINF"),
              "lists a segment");
      audio =
          live.awaitPackageFile(
              prefix + "/audio/playlist.m3u8",
              TIMEOUT,
              t -> t.contains("#EXTINF"),
              "lists a segment");
      multivariant =
          live.awaitPackageFile(
              prefix + "/main.m3u8",
              TIMEOUT,
              t -> t.contains("#EXT-X-STREAM-INF"),
              "lists a variant");
      mpd =
          live.awaitPackageFile(
              prefix + "/manifest.mpd", TIMEOUT, t -> t.contains("<Period"), "has a period");
    } finally {
      live.api("DELETE", "/api/streams/" + stream.id(), null);
    }

    assertThat(video).doesNotContain("#EXT-X-ENDLIST");
    assertThat(audio).doesNotContain("#EXT-X-ENDLIST");
    assertThat(multivariant).contains("360p/playlist.m3u8", "240p/playlist.m3u8", "TYPE=AUDIO");
    assertThat(mpd).contains("type=\"dynamic\"", "contentType=\"video\"", "contentType=\"audio\"");
  }

  private static String pull(String url, String rtspTransport) {
    return "\"pull\": {\"url\": \"" + url + "\", \"rtspTransport\": \"" + rtspTransport + "\"}";
  }

  private static JsonNode json(String text) {
    return dev.abr.core.json.Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A UDP port that was free on loopback a moment ago (the kernel picked it). */
  static int freeUdpPort() {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port nothing listened on a moment ago: connections to it are refused. */
  private static int freeTcpPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
