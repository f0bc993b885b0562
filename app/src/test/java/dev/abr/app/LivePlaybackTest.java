package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.testkit.player.BrowserPlayer;
import dev.abr.testkit.player.LivePosition;
import dev.abr.testkit.player.PlayerKind;
import dev.abr.testkit.player.PlayerState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A live RTMP stream played in headless Chromium by hls.js and dash.js from {@code abr run}'s
 * origin while it is published: the bundled ffmpeg publishes 40 s in real time (640x360, x264
 * veryfast, AAC), the {@code small} ladder encodes it, and once two segments are out both players
 * load the run's manifests. Both are sampled every 250 ms until each has played 16 s, or a
 * deadline; the tests judge the samples. Latency is the browser's clock minus the wall-clock time
 * the player maps its playhead to (hls.js from EXT-X-PROGRAM-DATE-TIME, dash.js from the MPD): the
 * glass-to-glass delay without the encoder's.
 */
class LivePlaybackTest {
  private static final int PUBLISH_SECONDS = 40;
  private static final long PLAYED_MILLIS = 16_000;
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path folder;

  private static LiveHarness live;
  private static BrowserPlayer browser;
  private static final Map<PlayerKind, List<Sample>> samples = new EnumMap<>(PlayerKind.class);

  /** One look at a player. */
  private record Sample(PlayerState state, LivePosition position) {
    boolean playing() {
      return state.currentTimeMillis() > 0 && !state.paused();
    }

    Duration latency() {
      return Duration.between(position.playingDate().orElseThrow(), position.browserNow());
    }
  }

  @BeforeAll
  static void playWhilePublishing() throws Exception {
    live = LiveHarness.start(folder, Duration.ofSeconds(4));
    LiveHarness.Stream stream = live.create("watched");
    live.publish(stream.key(), PUBLISH_SECONDS);
    JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
    String prefix = LiveHarness.prefix(stream.id(), run);
    live.awaitPackageFile(
        prefix + "/360p/playlist.m3u8", TIMEOUT, t -> t.contains("1.m4s"), "lists two segments");
    URI origin = live.server().originUri();
    browser = BrowserPlayer.open(origin.resolve("player.html?autoload=0"));
    browser.load(PlayerKind.HLS_JS, origin.resolve(prefix + "/main.m3u8"));
    browser.load(PlayerKind.DASH_JS, origin.resolve(prefix + "/manifest.mpd"));
    samples.put(PlayerKind.HLS_JS, new ArrayList<>());
    samples.put(PlayerKind.DASH_JS, new ArrayList<>());
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleAtFixedRate(
        () -> {
          try {
            boolean finished = true;
            for (PlayerKind player : samples.keySet()) {
              Sample sample = new Sample(browser.state(player), browser.livePosition(player));
              samples.get(player).add(sample);
              finished &=
                  advancedMillis(samples.get(player)) >= PLAYED_MILLIS
                      || sample.state().hasFatalError();
            }
            if (finished) {
              done.complete(null);
            }
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        },
        0,
        250,
        TimeUnit.MILLISECONDS);
    try {
      done.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // judged from the samples recorded so far
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    samples.keySet().forEach(player -> System.out.print(describe(player)));
    if (browser != null) {
      browser.close();
    }
    if (live != null) {
      live.close();
    }
  }

  private static long advancedMillis(List<Sample> recorded) {
    long first =
        recorded.stream()
            .filter(Sample::playing)
            .mapToLong(s -> s.state().currentTimeMillis())
            .findFirst()
            .orElse(Long.MAX_VALUE);
    return recorded.isEmpty() ? 0 : recorded.getLast().state().currentTimeMillis() - first;
  }

  private static String describe(PlayerKind player) {
    StringBuilder text = new StringBuilder(player + " samples:\n");
    for (Sample s : samples.get(player)) {
      text.append(s.state().currentTimeMillis())
          .append(" ms, date ")
          .append(s.position().playingDate().map(Instant::toString).orElse("-"))
          .append(", now ")
          .append(s.position().browserNow())
          .append(", frames ")
          .append(s.state().totalVideoFrames())
          .append(", errors ")
          .append(s.state().errors())
          .append('\n');
    }
    return text.toString();
  }

  private static void assertPlays(PlayerKind player) {
    List<Sample> recorded = samples.get(player);
    assertThat(recorded).as(describe(player)).isNotEmpty();
    assertThat(recorded.getLast().state().hasFatalError()).as(describe(player)).isFalse();
    assertThat(advancedMillis(recorded)).as(describe(player)).isGreaterThanOrEqualTo(PLAYED_MILLIS);
    assertThat(recorded.getLast().state().totalVideoFrames()).as(describe(player)).isPositive();
  }

  /**
   * While playing, the playhead stays near the live edge: the median latency under 14 s and none
   * over 20 s. The floor is the segment (2 s, complete before it is listed) plus the player's own
   * distance to the edge (hls.js: three target durations, 9 s; dash.js: the suggested presentation
   * delay, three segments); stalls on a busy machine push single samples further.
   */
  private static void assertNearTheLiveEdge(PlayerKind player) {
    List<Long> latencies =
        samples.get(player).stream()
            .filter(Sample::playing)
            .filter(s -> s.position().playingDate().isPresent())
            .map(s -> s.latency().toMillis())
            .sorted()
            .toList();
    assertThat(latencies).as(describe(player)).isNotEmpty();
    System.out.printf(
        "%s latency to the wall clock: median %d ms, max %d ms over %d samples%n",
        player, latencies.get(latencies.size() / 2), latencies.getLast(), latencies.size());
    assertThat(latencies.get(latencies.size() / 2)).as(describe(player)).isLessThan(14_000);
    assertThat(latencies.getLast()).as(describe(player)).isLessThan(20_000);
  }

  @Test
  void hlsJs_playsTheLiveStream() {
    assertPlays(PlayerKind.HLS_JS);
  }

  @Test
  void dashJs_playsTheLiveStream() {
    assertPlays(PlayerKind.DASH_JS);
  }

  @Test
  void hlsJs_staysNearTheLiveEdge() {
    assertNearTheLiveEdge(PlayerKind.HLS_JS);
  }

  @Test
  void dashJs_staysNearTheLiveEdge() {
    assertNearTheLiveEdge(PlayerKind.DASH_JS);
  }
}
