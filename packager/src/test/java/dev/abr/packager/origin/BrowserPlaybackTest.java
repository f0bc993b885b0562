package dev.abr.packager.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.storage.LocalObjectStore;
import dev.abr.testkit.player.BrowserPlayer;
import dev.abr.testkit.player.LevelReport;
import dev.abr.testkit.player.Outcome;
import dev.abr.testkit.player.PlaybackReport;
import dev.abr.testkit.player.PlayerKind;
import dev.abr.testkit.player.PlayerLevel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays an FFmpeg-made two-rendition asset through the origin in headless Chromium with hls.js and
 * dash.js. The harness does not care how the asset was made; the packager's own output replaces the
 * FFmpeg one later.
 */
class BrowserPlaybackTest {
  private static final Duration PLAYBACK_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration LEVEL_TIMEOUT = Duration.ofSeconds(15);
  private static final long MINIMUM_ADVANCE_MILLIS = 1_500;

  @TempDir static Path folder;

  private static Origin origin;
  private static BrowserPlayer browser;

  @BeforeAll
  static void serveAssetAndOpenBrowser() throws Exception {
    FfmpegTestAsset.generate(folder);
    origin = Origin.start(new LocalObjectStore(folder), "127.0.0.1", 0);
    browser = BrowserPlayer.open(origin.uri().resolve("player.html?autoload=0"));
  }

  @AfterAll
  static void closeBrowserAndOrigin() {
    if (browser != null) {
      browser.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void hlsJs_ffmpegAsset_startsAndAdvancesWithoutErrors() {
    PlaybackReport report = play(PlayerKind.HLS_JS, FfmpegTestAsset.HLS_MULTIVARIANT);

    assertThat(report.outcome()).as(report.toString()).isEqualTo(Outcome.REACHED);
    assertThat(report.errors()).as(report.toString()).isEmpty();
    assertThat(report.state().totalVideoFrames()).isPositive();
  }

  @Test
  void dashJs_ffmpegAsset_startsAndAdvancesWithoutErrors() {
    PlaybackReport report = play(PlayerKind.DASH_JS, FfmpegTestAsset.DASH_MPD);

    assertThat(report.outcome()).as(report.toString()).isEqualTo(Outcome.REACHED);
    assertThat(report.errors()).as(report.toString()).isEmpty();
    assertThat(report.state().totalVideoFrames()).isPositive();
  }

  @Test
  void hlsJs_eachForcedLevel_decodesFramesOfThatSize() {
    List<LevelReport> reports =
        forceEveryLevel(PlayerKind.HLS_JS, FfmpegTestAsset.HLS_MULTIVARIANT);

    assertThat(reports)
        .as(reports.toString())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.REACHED);
              assertThat(r.framesDecodedAtLevel()).isPositive();
              assertThat(r.state().errors()).isEmpty();
            });
  }

  @Test
  void dashJs_eachForcedLevel_decodesFramesOfThatSize() {
    List<LevelReport> reports = forceEveryLevel(PlayerKind.DASH_JS, FfmpegTestAsset.DASH_MPD);

    assertThat(reports)
        .as(reports.toString())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.REACHED);
              assertThat(r.framesDecodedAtLevel()).isPositive();
              assertThat(r.state().errors()).isEmpty();
            });
  }

  @Test
  void hlsJs_missingPlaylist_reportsFatalError() {
    PlaybackReport report = play(PlayerKind.HLS_JS, "hls/missing.m3u8");

    assertThat(report.outcome()).as(report.toString()).isEqualTo(Outcome.FAILED);
    assertThat(report.errors()).anySatisfy(e -> assertThat(e.source()).isEqualTo("hls.js"));
  }

  @Test
  void dashJs_missingMpd_reportsFatalError() {
    PlaybackReport report = play(PlayerKind.DASH_JS, "dash/missing.mpd");

    assertThat(report.outcome()).as(report.toString()).isEqualTo(Outcome.FAILED);
    assertThat(report.errors()).anySatisfy(e -> assertThat(e.source()).isEqualTo("dash.js"));
  }

  private static PlaybackReport play(PlayerKind player, String key) {
    URI manifest = origin.uri().resolve(key);
    browser.load(player, manifest);
    return browser.awaitPlayback(player, manifest, MINIMUM_ADVANCE_MILLIS, PLAYBACK_TIMEOUT);
  }

  private static List<LevelReport> forceEveryLevel(PlayerKind player, String key) {
    PlaybackReport playing = play(player, key);
    assertThat(playing.outcome()).as(playing.toString()).isEqualTo(Outcome.REACHED);
    List<LevelReport> reports = new ArrayList<>();
    for (PlayerLevel level : playing.levels()) {
      reports.add(browser.forceLevel(player, level, LEVEL_TIMEOUT));
    }
    return reports;
  }
}
