package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.testkit.log.CapturedStderr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Live over SRT through {@code abr run}'s server: the bundled ffmpeg, as an SRT caller with the
 * stream id as {@code streamid} and the stream key as passphrase (AES-128), sends 12 s of a 640x360
 * test picture with a tone (x264 veryfast, key frame every second, AAC) in MPEG-TS, paced in real
 * time, to a stream that keeps every segment; the server cuts, transcodes with the {@code small}
 * ladder and packages it live, and it ends as a VOD asset. Callers with a wrong passphrase or an
 * unknown stream id are refused; the access-control stream id syntax publishes too.
 */
class LiveSrtTest {
  private static final int PUBLISH_SECONDS = 12;
  private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> RENDITIONS = List.of("360p", "240p", "audio");

  @TempDir static Path folder;

  private static LiveHarness live;
  private static String prefix;
  private static String playlistWhileLive;
  private static String mpdWhileLive;
  private static LiveHarness.Exit publisher;

  @BeforeAll
  static void publishAStream() {
    live = LiveHarness.start(folder, RECONNECT_WINDOW);
    LiveHarness.Stream stream = live.create("field", "\"dvrSegments\": 0");
    Process ffmpeg =
        live.send(PUBLISH_SECONDS, List.of("-f", "mpegts", live.srtUrl(stream.id(), stream.key())));
    JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
    prefix = LiveHarness.prefix(stream.id(), run);
    playlistWhileLive =
        live.awaitPackageFile(
            prefix + "/360p/playlist.m3u8", TIMEOUT, t -> t.contains("#EXTINF"), "lists a segment");
    mpdWhileLive =
        live.awaitPackageFile(
            prefix + "/manifest.mpd", TIMEOUT, t -> t.contains("<S "), "lists a segment");
    publisher = LiveHarness.await(ffmpeg, TIMEOUT);
    live.awaitEnded(prefix, TIMEOUT);
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void caller_withStreamIdAndKey_isAcceptedAndFinishes() {
    assertThat(publisher.code()).as(publisher.output()).isZero();
  }

  @Test
  void run_whileLive_isPackagedLive() {
    assertThat(playlistWhileLive).contains("#EXTINF").doesNotContain("#EXT-X-ENDLIST");
    assertThat(mpdWhileLive).contains("type=\"dynamic\"");
  }

  @Test
  void endedRun_playlistsEnd_andTheMpdIsStatic() {
    for (String rendition : RENDITIONS) {
      assertThat(live.playlist(prefix, rendition).ended()).as(rendition).isTrue();
    }
    assertThat(live.packageFile(prefix + "/manifest.mpd").orElseThrow())
        .contains("type=\"static\"")
        .doesNotContain("dynamic");
  }

  @Test
  void endedRun_keepsEverySegmentOfThePublish() {
    PlaylistText video = live.playlist(prefix, "360p");

    // 12 s of 2 s segments, numbered from 0, all kept (dvrSegments 0).
    assertThat(video.segments().stream().map(PlaylistText.Entry::number))
        .containsExactlyElementsOf(List.of(0L, 1L, 2L, 3L, 4L, 5L));
  }

  @Test
  void endedRun_everyRenditionListsTheSameSegments() {
    PlaylistText video = live.playlist(prefix, "360p");

    for (String rendition : RENDITIONS) {
      assertThat(
              live.playlist(prefix, rendition).segments().stream().map(PlaylistText.Entry::number))
          .as(rendition)
          .containsExactlyElementsOf(
              video.segments().stream().map(PlaylistText.Entry::number).toList());
    }
    assertThat(live.playlist(prefix, "240p").segments().stream().map(PlaylistText.Entry::duration))
        .containsExactlyElementsOf(
            video.segments().stream().map(PlaylistText.Entry::duration).toList());
  }

  @Test
  void endedRun_videoSegmentsLastTheTarget() {
    List<PlaylistText.Entry> segments = live.playlist(prefix, "360p").segments();

    assertThat(segments.subList(0, segments.size() - 1))
        .allSatisfy(s -> assertThat(s.duration()).isEqualByComparingTo("2.000"));
    assertThat(segments).noneMatch(PlaylistText.Entry::discontinuity);
  }

  @Test
  void caller_wrongPassphrase_failsAndNoRunStarts() {
    LiveHarness.Stream other = live.create("wrong-passphrase");

    LiveHarness.Exit exit =
        LiveHarness.await(
            live.send(
                4, List.of("-f", "mpegts", live.srtUrl(other.id(), "not-the-key-" + other.key()))),
            TIMEOUT);

    assertThat(exit.code()).isNotZero();
    assertThat(live.stream(other.id()).path("state").asText()).isEqualTo("idle");
    assertThat(live.server().live().ingest().run(other.id())).isEmpty();
  }

  @Test
  void caller_unknownStreamId_isRefused() {
    LiveHarness.Exit exit;
    String logs;
    try (CapturedStderr captured = CapturedStderr.start()) {
      exit =
          LiveHarness.await(
              live.send(
                  4,
                  List.of(
                      "-f",
                      "mpegts",
                      live.srtUrl("no-such-stream", "a-passphrase-of-some-length"))),
              TIMEOUT);
      logs = captured.text();
    }

    assertThat(exit.code()).isNotZero();
    assertThat(logs)
        .contains("srt: publish of 'no-such-stream'")
        .contains("refused: UNKNOWN_STREAM");
  }

  @Test
  void caller_accessControlStreamId_publishes() {
    LiveHarness.Stream other = live.create("access-control");

    LiveHarness.Exit exit;
    try {
      Process ffmpeg =
          live.send(
              6,
              List.of(
                  "-f", "mpegts", live.srtUrl("#!::r=" + other.id() + ",m=publish", other.key())));
      JsonNode run = live.awaitRun(other.id(), TIMEOUT);
      live.awaitPackageFile(
          LiveHarness.prefix(other.id(), run) + "/360p/playlist.m3u8",
          TIMEOUT,
          t -> t.contains("#EXTINF"),
          "lists a segment");
      exit = LiveHarness.await(ffmpeg, TIMEOUT);
    } finally {
      live.api("DELETE", "/api/streams/" + other.id(), null); // ends the run now
    }

    assertThat(exit.code()).as(exit.output()).isZero();
  }
}
