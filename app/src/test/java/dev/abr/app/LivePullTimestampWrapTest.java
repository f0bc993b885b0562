package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A pulled UDP MPEG-TS source whose timestamps wrap (33 bits of 90 kHz, ISO/IEC 13818-1 §2.4.3.7)
 * five seconds in, through {@code abr run}'s server: the bundled ffmpeg sends 12 s of a 640x360
 * test picture with a tone in real time, shifted with {@code -output_ts_offset}; the run is
 * packaged as one timeline, with no discontinuity, and ends after the sender stops.
 */
class LivePullTimestampWrapTest {
  private static final int SEND_SECONDS = 12;

  /**
   * 2^33 / 90 000 s less 6.4 s: ffmpeg's MPEG-TS muxer puts the first timestamps 1.4 s after the
   * offset (twice its 0.7 s mux delay), so they start 5.0 s before the wrap.
   */
  private static final String OUTPUT_TS_OFFSET = "95437.3177";

  private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> RENDITIONS = List.of("360p", "240p", "audio");

  @TempDir static Path folder;

  private static LiveHarness live;
  private static String prefix;

  @BeforeAll
  static void pullAWrappingSource() {
    live = LiveHarness.start(folder, RECONNECT_WINDOW);
    int port = LivePullTest.freeUdpPort();
    LiveHarness.Stream stream =
        live.create(
            "wrap", "\"dvrSegments\": 0, \"pull\": {\"url\": \"udp://127.0.0.1:" + port + "\"}");
    Process sender =
        live.send(
            SEND_SECONDS,
            List.of(
                "-output_ts_offset",
                OUTPUT_TS_OFFSET,
                "-f",
                "mpegts",
                "udp://127.0.0.1:" + port + "?pkt_size=1316"));
    JsonNode run = live.awaitRun(stream.id(), TIMEOUT);
    prefix = LiveHarness.prefix(stream.id(), run);
    LiveHarness.Exit exit = LiveHarness.await(sender, TIMEOUT);
    assertThat(exit.code()).as(exit.output()).isZero();
    live.awaitEnded(prefix, TIMEOUT);
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void run_spansTheWrap() {
    List<PlaylistText.Entry> segments = live.playlist(prefix, "360p").segments();

    // At least 10 s of the 12 s sent: media from before and after the wrap, 5 s in.
    assertThat(segments).hasSizeGreaterThanOrEqualTo(5);
    assertThat(
            segments.stream()
                .map(PlaylistText.Entry::duration)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isGreaterThanOrEqualTo(new BigDecimal("10"));
  }

  @Test
  void playlists_haveNoDiscontinuity() {
    for (String rendition : RENDITIONS) {
      String text = live.packageFile(prefix + "/" + rendition + "/playlist.m3u8").orElseThrow();
      assertThat(text).as(rendition).doesNotContain("#EXT-X-DISCONTINUITY");
    }
  }

  @Test
  void videoSegments_allButTheLast_lastTheTarget() {
    List<PlaylistText.Entry> segments = live.playlist(prefix, "360p").segments();

    assertThat(segments.subList(0, segments.size() - 1))
        .allSatisfy(s -> assertThat(s.duration()).isEqualByComparingTo("2.000"));
  }

  @Test
  void videoProgramDateTimes_advanceByTheDurations() {
    // Audio segments carry the video's dates (the reference rendition's, as the packager's golden
    // live/discontinuity_audio.m3u8 shows) while their durations are whole AAC frames.
    for (String rendition : List.of("360p", "240p")) {
      List<PlaylistText.Entry> segments = live.playlist(prefix, rendition).segments();
      assertThat(segments)
          .as(rendition)
          .allSatisfy(s -> assertThat(s.programDateTime()).isPresent());
      for (int i = 1; i < segments.size(); i++) {
        long gapMillis =
            Duration.between(
                    segments.get(i - 1).programDateTime().get(),
                    segments.get(i).programDateTime().get())
                .toMillis();
        long durationMillis = segments.get(i - 1).duration().movePointRight(3).longValue();
        assertThat(gapMillis)
            .as(rendition + " segment " + i)
            .isBetween(durationMillis - 1, durationMillis + 1);
      }
    }
  }

  @Test
  void mpd_hasOnePeriod() {
    String mpd = live.packageFile(prefix + "/manifest.mpd").orElseThrow();

    Matcher periods = Pattern.compile("<Period ").matcher(mpd);
    assertThat(periods.results().count()).as(mpd).isEqualTo(1);
  }
}
