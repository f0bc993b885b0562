package dev.abr.testkit.player;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Headless Debian Chromium, driven through chromedriver, on a page of the origin ({@code /} or
 * {@code /player.html?autoload=0}) whose {@code window.abrTest} API wraps hls.js and dash.js.
 *
 * <p>Chromium and chromedriver are Debian's ({@value #CHROMIUM}, {@value #CHROMEDRIVER}), given to
 * Selenium explicitly so that Selenium Manager never downloads a browser or driver. Each instance
 * uses a fresh profile folder, deleted on {@link #close()}. Every wait polls the page until a
 * deadline; none sleeps for a fixed time.
 *
 * <p>Not thread-safe: one test thread drives one browser.
 */
public final class BrowserPlayer implements AutoCloseable {
  /** Debian's Chromium. */
  public static final String CHROMIUM = "/usr/bin/chromium";

  /** Debian's chromedriver, matching {@link #CHROMIUM}. */
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /** Frames that must be decoded at a forced level before it counts as playing. */
  private static final long FRAMES_PER_LEVEL = 5;

  /** Position advance that proves an audio-only level plays. */
  private static final long AUDIO_LEVEL_ADVANCE_MILLIS = 500;

  private static final String STATE_SCRIPT =
      """
      const s = window.abrTest[arguments[0]].state();
      return {
        currentTimeMillis: Math.round(s.currentTime * 1000), paused: s.paused, ended: s.ended,
        readyState: s.readyState, videoWidth: s.videoWidth, videoHeight: s.videoHeight,
        totalVideoFrames: s.totalVideoFrames, droppedVideoFrames: s.droppedVideoFrames,
        level: s.level, errors: s.errors };
      """;

  private final ChromeDriver driver;
  private final Path profile;

  private BrowserPlayer(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether Debian's Chromium and chromedriver are installed. */
  public static boolean isInstalled() {
    return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
  }

  /**
   * Starts headless Chromium and opens {@code page}.
   *
   * @throws IllegalStateException if Chromium or chromedriver is missing
   */
  public static BrowserPlayer open(URI page) {
    if (!isInstalled()) {
      throw new IllegalStateException(
          "headless browser tests need Debian's chromium and chromedriver: apt-get install"
              + " chromium chromium-driver");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("abr-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      deleteRecursively(profile);
      throw e;
    }
    var player = new BrowserPlayer(driver, profile);
    try {
      driver.get(page.toString());
    } catch (RuntimeException e) {
      player.close();
      throw e;
    }
    return player;
  }

  /** Returns {@code MediaSource.isTypeSupported(contentType)} of this browser. */
  public boolean isTypeSupported(String contentType) {
    return Boolean.TRUE.equals(
        js().executeScript(
                "return !!window.MediaSource && MediaSource.isTypeSupported(arguments[0]);",
                contentType));
  }

  /**
   * Loads {@code manifest} into {@code player}, muted and autoplaying; earlier errors are cleared.
   *
   * @throws IllegalStateException if the page has no {@code window.abrTest} after 10 s
   */
  public void load(PlayerKind player, URI manifest) {
    Instant deadline = Instant.now().plusSeconds(10);
    poll(
            deadline,
            () -> Optional.ofNullable(js().executeScript("return window.abrTest ? true : null;")))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the page " + driver.getCurrentUrl() + " has no window.abrTest"));
    js().executeScript(
            "window.abrTest[arguments[0]].load(arguments[1]);",
            player.pageName(),
            manifest.toString());
  }

  /** Returns a snapshot of {@code player}. */
  public PlayerState state(PlayerKind player) {
    Map<?, ?> state = (Map<?, ?>) js().executeScript(STATE_SCRIPT, player.pageName());
    List<PlayerError> errors = new ArrayList<>();
    for (Object item : (List<?>) state.get("errors")) {
      Map<?, ?> error = (Map<?, ?>) item;
      errors.add(
          new PlayerError(
              String.valueOf(error.get("source")),
              Boolean.TRUE.equals(error.get("fatal")),
              String.valueOf(error.get("type")),
              String.valueOf(error.get("details"))));
    }
    return new PlayerState(
        number(state.get("currentTimeMillis")),
        Boolean.TRUE.equals(state.get("paused")),
        Boolean.TRUE.equals(state.get("ended")),
        (int) number(state.get("readyState")),
        (int) number(state.get("videoWidth")),
        (int) number(state.get("videoHeight")),
        number(state.get("totalVideoFrames")),
        number(state.get("droppedVideoFrames")),
        (int) number(state.get("level")),
        errors);
  }

  /** Returns where {@code player}'s playhead is on the wall clock, for live streams. */
  public LivePosition livePosition(PlayerKind player) {
    Map<?, ?> live =
        (Map<?, ?>)
            js().executeScript("return window.abrTest[arguments[0]].live();", player.pageName());
    Object date = live.get("playingDate");
    Object latency = live.get("latency");
    return new LivePosition(
        date == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(number(date))),
        latency instanceof Number seconds
            ? Optional.of(Duration.ofMillis(Math.round(seconds.doubleValue() * 1000)))
            : Optional.empty(),
        Instant.ofEpochMilli(number(live.get("now"))));
  }

  /** Returns the levels {@code player} offers now; empty before the manifest is parsed. */
  public List<PlayerLevel> levels(PlayerKind player) {
    List<?> levels =
        (List<?>)
            js().executeScript("return window.abrTest[arguments[0]].levels();", player.pageName());
    List<PlayerLevel> result = new ArrayList<>();
    for (Object item : levels) {
      Map<?, ?> level = (Map<?, ?>) item;
      result.add(
          new PlayerLevel(
              (int) number(level.get("index")),
              String.valueOf(level.get("id")),
              (int) number(level.get("width")),
              (int) number(level.get("height")),
              number(level.get("bitrate"))));
    }
    return List.copyOf(result);
  }

  /**
   * Waits until {@code player} plays: its position first moves, then advances by at least {@code
   * minimumAdvanceMillis} more. Stops early on a fatal error.
   *
   * @param timeout wall-clock limit for the whole wait
   */
  public PlaybackReport awaitPlayback(
      PlayerKind player, URI manifest, long minimumAdvanceMillis, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Optional<PlayerState> started =
        poll(
            deadline,
            () -> {
              PlayerState s = state(player);
              return s.hasFatalError() || (s.currentTimeMillis() > 0 && !s.paused())
                  ? Optional.of(s)
                  : Optional.empty();
            });
    if (started.isEmpty() || started.get().hasFatalError()) {
      PlayerState last = started.orElseGet(() -> state(player));
      Outcome outcome = started.isEmpty() ? Outcome.TIMED_OUT : Outcome.FAILED;
      return new PlaybackReport(player, manifest, outcome, -1, 0, last, levels(player));
    }
    long startMillis = started.get().currentTimeMillis();
    Optional<PlayerState> advanced =
        poll(
            deadline,
            () -> {
              PlayerState s = state(player);
              return s.hasFatalError()
                      || s.currentTimeMillis() - startMillis >= minimumAdvanceMillis
                  ? Optional.of(s)
                  : Optional.empty();
            });
    PlayerState last = advanced.orElseGet(() -> state(player));
    Outcome outcome =
        advanced.isEmpty()
            ? Outcome.TIMED_OUT
            : last.hasFatalError() ? Outcome.FAILED : Outcome.REACHED;
    return new PlaybackReport(
        player,
        manifest,
        outcome,
        startMillis,
        last.currentTimeMillis() - startMillis,
        last,
        levels(player));
  }

  /**
   * Forces {@code player} to {@code level} (automatic switching off), restarts from the beginning
   * so there is media left to decode, and waits until that level plays: the player reports it, the
   * decoded picture has its size and at least {@value #FRAMES_PER_LEVEL} more frames are decoded at
   * that size (audio-only levels: the position advances {@value #AUDIO_LEVEL_ADVANCE_MILLIS} ms).
   *
   * @param timeout wall-clock limit
   */
  public LevelReport forceLevel(PlayerKind player, PlayerLevel level, Duration timeout) {
    js().executeScript(
            "const p = window.abrTest[arguments[0]]; p.setLevel(arguments[1]); p.seek(0);",
            player.pageName(),
            level.index());
    Instant deadline = Instant.now().plus(timeout);
    long[] mark = {-1};
    Optional<PlayerState> reached =
        poll(
            deadline,
            () -> {
              PlayerState s = state(player);
              if (s.hasFatalError()) {
                return Optional.of(s);
              }
              boolean atLevel =
                  s.level() == level.index()
                      && (!level.hasVideo()
                          || (s.videoWidth() == level.width()
                              && s.videoHeight() == level.height()));
              if (!atLevel || s.paused()) {
                mark[0] = -1;
                return Optional.empty();
              }
              long progress = level.hasVideo() ? s.totalVideoFrames() : s.currentTimeMillis();
              if (mark[0] < 0) {
                mark[0] = progress;
              }
              long needed = level.hasVideo() ? FRAMES_PER_LEVEL : AUDIO_LEVEL_ADVANCE_MILLIS;
              return progress - mark[0] >= needed ? Optional.of(s) : Optional.empty();
            });
    PlayerState last = reached.orElseGet(() -> state(player));
    Outcome outcome =
        reached.isEmpty()
            ? Outcome.TIMED_OUT
            : last.hasFatalError() ? Outcome.FAILED : Outcome.REACHED;
    long frames = mark[0] < 0 || !level.hasVideo() ? 0 : last.totalVideoFrames() - mark[0];
    return new LevelReport(player, level, outcome, frames, last);
  }

  /** Quits the browser and chromedriver and deletes the profile folder. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteRecursively(profile);
    }
  }

  private JavascriptExecutor js() {
    return driver;
  }

  /** Polls {@code check} until it yields a value or {@code deadline} passes. */
  private <T> Optional<T> poll(Instant deadline, Supplier<Optional<T>> check) {
    Duration remaining = Duration.between(Instant.now(), deadline);
    if (remaining.isNegative()) {
      return check.get();
    }
    try {
      return Optional.of(
          new FluentWait<>(driver)
              .withTimeout(remaining)
              .pollingEvery(POLL_INTERVAL)
              .until(d -> check.get().orElse(null)));
    } catch (TimeoutException e) {
      return Optional.empty();
    }
  }

  private static long number(@Nullable Object value) {
    return value instanceof Number n ? Math.round(n.doubleValue()) : 0;
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Chromium may still be releasing files; a leftover temp profile is harmless.
    }
  }
}
