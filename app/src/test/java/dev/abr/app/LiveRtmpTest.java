package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.message.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Live over RTMP through {@code abr run}'s server: the bundled ffmpeg publishes 16 s of a 640x360
 * test picture with a tone (x264 veryfast, key frame every second, AAC) to a stream with a live
 * window of 5 segments, paced in real time; the server cuts, transcodes with the {@code small}
 * ladder (360p and 240p, x264 superfast, AAC: real time on two cores) and packages it live. Every
 * version of the playlists and the MPD is recorded while it runs and judged afterwards.
 */
class LiveRtmpTest {
  private static final int PUBLISH_SECONDS = 16;
  private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(4);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> RENDITIONS = List.of("360p", "240p", "audio");

  @TempDir static Path folder;

  private static LiveHarness live;
  private static LiveHarness.Stream stream;
  private static String prefix;
  private static PackageRecorder recorder;
  private static JsonNode viewWhileLive;
  private static LiveHarness.Exit publisher;

  @BeforeAll
  static void publishAStream() {
    live = LiveHarness.start(folder, RECONNECT_WINDOW);
    stream = live.create("studio", "\"windowSegments\": 5");
    Process ffmpeg = live.publish(stream.key(), PUBLISH_SECONDS);
    JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
    prefix = LiveHarness.prefix(stream.id(), run);
    recorder =
        PackageRecorder.start(
            live.output(),
            List.of(
                prefix + "/360p/playlist.m3u8",
                prefix + "/240p/playlist.m3u8",
                prefix + "/audio/playlist.m3u8",
                prefix + "/manifest.mpd"));
    live.awaitPackageFile(
        prefix + "/360p/playlist.m3u8", TIMEOUT, t -> t.contains("#EXTINF"), "lists a segment");
    viewWhileLive = live.stream(stream.id());
    publisher = LiveHarness.await(ffmpeg, TIMEOUT);
    live.awaitEnded(prefix, TIMEOUT);
    recorder.close();
  }

  @AfterAll
  static void stop() {
    if (recorder != null) {
      recorder.close();
    }
    if (live != null) {
      live.close();
    }
  }

  private static List<PlaylistText> livePlaylists(String rendition) {
    return recorder.versions(prefix + "/" + rendition + "/playlist.m3u8").stream()
        .map(v -> PlaylistText.parse(v.text()))
        .filter(p -> !p.ended())
        .toList();
  }

  @Test
  void publisher_isAcceptedAndFinishes() {
    assertThat(publisher.code()).as(publisher.output()).isZero();
  }

  @Test
  void livePlaylists_listAtMostTheWindow() {
    List<PlaylistText> versions = livePlaylists("360p");

    assertThat(versions).hasSizeGreaterThanOrEqualTo(4);
    assertThat(versions).allSatisfy(p -> assertThat(p.segments()).hasSizeBetween(1, 5));
  }

  @Test
  void livePlaylists_slide_theMediaSequenceFollowsTheFirstListedSegment() {
    List<PlaylistText> versions = livePlaylists("360p");

    assertThat(versions)
        .allSatisfy(p -> assertThat(p.segments().getFirst().number()).isEqualTo(p.mediaSequence()));
    assertThat(versions.getLast().mediaSequence()).isPositive();
    assertThat(versions.stream().mapToLong(PlaylistText::mediaSequence)).isSorted();
  }

  @Test
  void livePlaylists_dateEverySegment_consecutiveDatesDifferByTheDuration() {
    for (PlaylistText version : livePlaylists("240p")) {
      List<PlaylistText.Entry> segments = version.segments();
      assertThat(segments).allSatisfy(s -> assertThat(s.programDateTime()).isPresent());
      for (int i = 1; i < segments.size(); i++) {
        long gapMillis =
            Duration.between(
                    segments.get(i - 1).programDateTime().get(),
                    segments.get(i).programDateTime().get())
                .toMillis();
        long durationMillis = segments.get(i - 1).duration().movePointRight(3).longValue();
        assertThat(gapMillis).isBetween(durationMillis - 1, durationMillis + 1);
      }
    }
  }

  @Test
  void targetDuration_isFixedForTheStream() {
    for (String rendition : RENDITIONS) {
      assertThat(recorder.versions(prefix + "/" + rendition + "/playlist.m3u8"))
          .allSatisfy(v -> assertThat(PlaylistText.parse(v.text()).targetDuration()).isEqualTo(3));
    }
  }

  @Test
  void mpd_whileLive_isDynamicWithTheTimingAPlayerNeeds() {
    List<String> dynamic =
        recorder.versions(prefix + "/manifest.mpd").stream()
            .map(PackageRecorder.Version::text)
            .filter(t -> t.contains("type=\"dynamic\""))
            .toList();

    assertThat(dynamic).isNotEmpty();
    assertThat(dynamic)
        .allSatisfy(
            mpd ->
                assertThat(mpd)
                    .contains(
                        "availabilityStartTime=\"",
                        "publishTime=\"",
                        "minimumUpdatePeriod=\"",
                        "timeShiftBufferDepth=\"",
                        "suggestedPresentationDelay=\"",
                        "<UTCTiming ",
                        "<SegmentTimeline>"));
  }

  @Test
  void endedStream_playlistsEnd_andTheMpdIsStatic() {
    for (String rendition : RENDITIONS) {
      assertThat(live.playlist(prefix, rendition).ended()).as(rendition).isTrue();
    }
    assertThat(live.packageFile(prefix + "/manifest.mpd").orElseThrow())
        .contains("type=\"static\"")
        .doesNotContain("dynamic");
  }

  @Test
  void endedStream_withoutDvr_keepsTheLastWindow_inEveryRendition() {
    PlaylistText video = live.playlist(prefix, "360p");

    // 16 s of 2 s segments (the publisher's first and last key frames may shave one off); the
    // asset left is the last live window.
    assertThat(video.segments()).hasSize(5);
    assertThat(video.segments().getLast().number())
        .isBetween((long) PUBLISH_SECONDS / 2 - 2, (long) PUBLISH_SECONDS / 2 - 1);
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
  void endedStream_segmentsThatLeftTheWindow_areDeletedOnceNoPlaylistCouldListThem() {
    long first = live.playlist(prefix, "360p").segments().getFirst().number();

    // The last ones left the window less than a playlist duration ago: deleted when that has
    // passed.
    dev.abr.testkit.kafka.Awaits.until(
        "segments before " + first + " are deleted",
        Duration.ofSeconds(30),
        () ->
            java.util.stream.LongStream.range(0, first)
                .noneMatch(
                    n -> Files.exists(live.output().resolve(prefix + "/360p/" + n + ".m4s"))));
    assertThat(live.output().resolve(prefix + "/360p/" + first + ".m4s")).exists();
  }

  @Test
  void endedStream_videoSegmentsLastTheTarget() {
    List<BigDecimal> durations =
        live.playlist(prefix, "360p").segments().stream()
            .map(PlaylistText.Entry::duration)
            .toList();

    assertThat(durations.subList(0, durations.size() - 1))
        .allSatisfy(d -> assertThat(d).isEqualByComparingTo("2.000"));
  }

  @Test
  void api_whileLive_showsTheRunWithPlaybackUrlsTheOriginServes() {
    JsonNode run = viewWhileLive.path("run");

    assertThat(viewWhileLive.path("state").asText()).isEqualTo("live");
    assertThat(run.path("playback").path("hls").asText()).endsWith("/" + prefix + "/main.m3u8");
    String hls = run.path("playback").path("hls").asText();
    assertThat(live.origin(hls.substring(hls.indexOf("/live/"))).statusCode()).isEqualTo(200);
  }

  @Test
  void latency_isMeasuredForEverySegment() {
    String metrics = live.api("GET", "/metrics", null).body();
    Matcher count =
        Pattern.compile("(?m)^abr_live_latency_seconds_count(?:\\{[^}]*})? (\\S+)$")
            .matcher(metrics);

    assertThat(count.find()).as(metrics).isTrue();
    assertThat(Double.parseDouble(count.group(1)))
        .isGreaterThanOrEqualTo(live.playlist(prefix, "360p").segments().size());
    assertThat(metrics).contains("abr_live_latency_seconds{quantile=\"0.95\"");
  }

  @Test
  void streamKey_appearsNowhere_kafkaMetricsStorageOrTheApiList() throws IOException {
    List<String> kafka =
        KafkaText.readAll(
            live.server().bootstrapServers(),
            List.of(
                Topics.JOB_SUBMITTED,
                Topics.TRANSCODE_REQUESTED,
                Topics.PACKAGE_REQUESTED,
                Topics.JOB_EVENTS));

    assertThat(kafka).isNotEmpty().noneMatch(record -> record.contains(stream.key()));
    assertThat(live.api("GET", "/metrics", null).body()).doesNotContain(stream.key());
    assertThat(live.api("GET", "/api/streams", null).body())
        .doesNotContain(stream.key())
        .contains(stream.id());
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().matches(".*\\.(json|m3u8|mpd)$"))
              .toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(stream.key());
      }
    }
  }

  @Test
  void wrongKey_isRefused_andNoRunStarts() {
    LiveHarness.Stream other = live.create("refused");

    LiveHarness.Exit exit = LiveHarness.await(live.publish("not-" + other.key(), 4), TIMEOUT);

    assertThat(exit.code()).isNotZero();
    assertThat(live.stream(other.id()).path("state").asText()).isEqualTo("idle");
  }
}
