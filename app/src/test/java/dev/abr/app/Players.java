package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.storage.LocalObjectStore;
import dev.abr.packager.origin.Origin;
import dev.abr.testkit.player.BrowserPlayer;
import dev.abr.testkit.player.LevelReport;
import dev.abr.testkit.player.Outcome;
import dev.abr.testkit.player.PlaybackReport;
import dev.abr.testkit.player.PlayerKind;
import dev.abr.testkit.player.PlayerLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A package served by our origin and played by hls.js or dash.js in headless Chromium. */
final class Players implements AutoCloseable {
  private static final Duration PLAYBACK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LEVEL_TIMEOUT = Duration.ofSeconds(20);

  private final Origin origin;
  private final BrowserPlayer browser;

  private Players(Origin origin, BrowserPlayer browser) {
    this.origin = origin;
    this.browser = browser;
  }

  static Players serve(Path folder) {
    try {
      Origin origin = Origin.start(new LocalObjectStore(folder), "127.0.0.1", 0);
      return new Players(
          origin, BrowserPlayer.open(origin.uri().resolve("player.html?autoload=0")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Playback start plus a forced switch to every level. */
  record Result(PlaybackReport playback, List<LevelReport> levels) {
    void assertPlayedEveryLevel(int expectedVideoLevels) {
      assertThat(playback.outcome()).as(playback.toString()).isEqualTo(Outcome.REACHED);
      assertThat(playback.errors()).as(playback.toString()).isEmpty();
      assertThat(levels)
          .as(levels.toString())
          .hasSize(expectedVideoLevels)
          .allSatisfy(
              level -> {
                assertThat(level.outcome()).as(level.toString()).isEqualTo(Outcome.REACHED);
                assertThat(level.framesDecodedAtLevel()).as(level.toString()).isPositive();
                assertThat(level.state().errors()).as(level.toString()).isEmpty();
              });
    }
  }

  /** Plays {@code manifest} until time advanced 2 s, then forces each video level in turn. */
  Result playAndSwitch(PlayerKind player, String manifest) {
    URI uri = origin.uri().resolve(manifest);
    browser.load(player, uri);
    PlaybackReport playback = browser.awaitPlayback(player, uri, 2_000, PLAYBACK_TIMEOUT);
    List<LevelReport> levels = new ArrayList<>();
    if (playback.outcome() == Outcome.REACHED) {
      for (PlayerLevel level : playback.levels()) {
        if (level.hasVideo()) {
          levels.add(browser.forceLevel(player, level, LEVEL_TIMEOUT));
        }
      }
    }
    return new Result(playback, levels);
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      origin.close();
    }
  }
}
