package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * How publishers come and go, through {@code abr run}'s server with a reconnect window of 4 s: a
 * publisher that comes back continues its stream with a discontinuity, one that stays away ends it,
 * a second publisher on a live key is refused, GStreamer's independent RTMP client is packaged like
 * ffmpeg, and several streams run at once. Publishers are the bundled ffmpeg (640x360, x264
 * veryfast, AAC) unless said otherwise; the ladder is {@code small}.
 */
class LiveSessionsTest {
  private static final Duration WINDOW = Duration.ofSeconds(4);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path folder;

  private static LiveHarness live;

  @BeforeAll
  static void start() {
    live = LiveHarness.start(folder, WINDOW);
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void publisherBackWithinTheWindow_continuesTheRun_afterADiscontinuity() {
    LiveHarness.Stream stream = live.create("comeback", "\"dvrSegments\": 0");
    assertThat(LiveHarness.await(live.publish(stream.key(), 6), TIMEOUT).code()).isZero();
    String firstRun = live.awaitRun(stream.id(), TIMEOUT).path("runId").asText();

    assertThat(LiveHarness.await(live.publish(stream.key(), 6), TIMEOUT).code()).isZero();
    JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
    String prefix = LiveHarness.prefix(stream.id(), run);
    live.awaitEnded(prefix, TIMEOUT);

    assertThat(run.path("runId").asText()).isEqualTo(firstRun);
    assertThat(run.path("connections").asInt()).isEqualTo(2);
    for (String rendition : List.of("360p", "240p", "audio")) {
      PlaylistText playlist = live.playlist(prefix, rendition);
      List<PlaylistText.Entry> segments = playlist.segments();
      assertThat(segments.stream().filter(PlaylistText.Entry::discontinuity))
          .as(rendition)
          .hasSize(1);
      assertThat(segments.stream().map(PlaylistText.Entry::number))
          .as(rendition + " numbers every segment once, in order")
          .containsExactlyElementsOf(
              java.util.stream.LongStream.range(0, segments.size()).boxed().toList());
    }
    String mpd = live.packageFile(prefix + "/manifest.mpd").orElseThrow();
    assertThat(count(mpd, "<Period ")).isEqualTo(2);
  }

  @Test
  void discontinuity_isAtTheSameSegmentInEveryRendition() {
    LiveHarness.Stream stream = live.create("aligned", "\"dvrSegments\": 0");
    LiveHarness.await(live.publish(stream.key(), 6), TIMEOUT);
    live.awaitRun(stream.id(), TIMEOUT);
    LiveHarness.await(live.publish(stream.key(), 4), TIMEOUT);
    String prefix = LiveHarness.prefix(stream.id(), live.awaitRun(stream.id(), TIMEOUT));
    live.awaitEnded(prefix, TIMEOUT);

    List<Long> at = new ArrayList<>();
    for (String rendition : List.of("360p", "240p", "audio")) {
      at.add(
          live.playlist(prefix, rendition).segments().stream()
              .filter(PlaylistText.Entry::discontinuity)
              .findFirst()
              .orElseThrow()
              .number());
    }
    assertThat(at).containsOnly(at.getFirst());
  }

  @Test
  void publisherAwayLongerThanTheWindow_endsTheRun_andTheNextPublishStartsANewOne() {
    LiveHarness.Stream stream = live.create("twice");
    LiveHarness.await(live.publish(stream.key(), 4), TIMEOUT);
    String firstPrefix = LiveHarness.prefix(stream.id(), live.awaitRun(stream.id(), TIMEOUT));
    live.awaitEnded(firstPrefix, TIMEOUT);
    dev.abr.testkit.kafka.Awaits.until(
        "the first run is over",
        TIMEOUT,
        () -> live.stream(stream.id()).path("state").asText().equals("idle"));

    LiveHarness.await(live.publish(stream.key(), 4), TIMEOUT);
    String secondPrefix = LiveHarness.prefix(stream.id(), live.awaitRun(stream.id(), TIMEOUT));
    live.awaitEnded(secondPrefix, TIMEOUT);

    assertThat(secondPrefix).isNotEqualTo(firstPrefix);
    assertThat(live.playlist(secondPrefix, "360p").segments().getFirst().number()).isZero();
    assertThat(live.playlist(firstPrefix, "360p").ended()).isTrue();
  }

  @Test
  void secondPublisherOnALiveKey_isRefused_whileTheFirstGoesOn() {
    LiveHarness.Stream stream = live.create("busy");
    Process first = live.publish(stream.key(), 8);
    String prefix = LiveHarness.prefix(stream.id(), live.awaitRun(stream.id(), TIMEOUT));

    LiveHarness.Exit second = LiveHarness.await(live.publish(stream.key(), 4), TIMEOUT);

    assertThat(second.code()).isNotZero();
    assertThat(LiveHarness.await(first, TIMEOUT).code()).isZero();
    live.awaitEnded(prefix, TIMEOUT);
    assertThat(live.playlist(prefix, "360p").segments()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(
            live.playlist(prefix, "360p").segments().stream()
                .filter(PlaylistText.Entry::discontinuity))
        .isEmpty();
  }

  @Test
  void gstreamerRtmp2sink_isPackagedLive() {
    LiveHarness.Stream stream = live.create("gstreamer");
    String pipeline =
        "videotestsrc is-live=true num-buffers=240 ! video/x-raw,width=640,height=360,framerate=30/1"
            + " ! x264enc speed-preset=veryfast tune=zerolatency key-int-max=30 ! h264parse"
            + " ! flvmux name=m streamable=true ! rtmp2sink location="
            + live.rtmpUrl(stream.key())
            + " audiotestsrc is-live=true num-buffers=375 samplesperbuffer=1024"
            + " ! audio/x-raw,rate=48000,channels=2 ! voaacenc ! aacparse ! m.";
    LiveHarness.Exit exit =
        LiveHarness.await(
            live.startCommand(List.of("sh", "-c", "exec gst-launch-1.0 -e " + pipeline)), TIMEOUT);
    assertThat(exit.code()).as(exit.output()).isZero();
    String prefix = LiveHarness.prefix(stream.id(), live.awaitRun(stream.id(), TIMEOUT));
    live.awaitEnded(prefix, TIMEOUT);

    // 8 s of video: four segments of 2 s, the last one possibly shorter.
    assertThat(live.playlist(prefix, "360p").segments()).hasSizeBetween(3, 4);
    assertThat(live.playlist(prefix, "audio").segments())
        .hasSameSizeAs(live.playlist(prefix, "360p").segments());
  }

  @Test
  void threeStreamsAtOnce_areEachPackagedWhole() {
    List<LiveHarness.Stream> streams = new ArrayList<>();
    List<Process> publishers = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LiveHarness.Stream stream = live.create("parallel-" + i, "\"dvrSegments\": 0");
      streams.add(stream);
      publishers.add(live.publish(stream.key(), 8));
    }
    for (LiveHarness.Stream stream : streams) {
      prefixes.add(LiveHarness.prefix(stream.id(), live.awaitRun(stream.id(), TIMEOUT)));
    }
    for (Process publisher : publishers) {
      assertThat(LiveHarness.await(publisher, TIMEOUT).code()).isZero();
    }

    for (String prefix : prefixes) {
      live.awaitEnded(prefix, TIMEOUT);
      PlaylistText video = live.playlist(prefix, "360p");
      assertThat(video.segments()).as(prefix).hasSizeBetween(3, 4);
      assertThat(video.segments().getFirst().number()).isZero();
      assertThat(video.segments().stream().filter(PlaylistText.Entry::discontinuity)).isEmpty();
    }
  }

  private static int count(String text, String what) {
    Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
