package dev.abr.packager.presentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.time.Rational;
import dev.abr.testkit.dash.DashSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the live manifests over random streams: segments of 1 to 3 s (whole frames at 30
 * fps), discontinuities at random places with random wall-clock gaps and new timestamps, random
 * windows and DVR windows. Each stream is rebuilt from a fixed seed, named in every failure.
 */
class LiveManifestsPropertyTest {
  private static final int STREAMS = 40;
  private static final int SEGMENTS = 60;
  private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)\n");
  private static final Pattern DISCONTINUITY_SEQUENCE =
      Pattern.compile("#EXT-X-DISCONTINUITY-SEQUENCE:(\\d+)\n");
  private static final Pattern TARGET_DURATION = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)\n");
  private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),\n");

  /** The manifests published after one segment, and how many discontinuities came so far. */
  private record Snapshot(
      long seed, int step, Manifests manifests, Instant now, int discontinuities) {
    String name() {
      return "seed " + seed + ", after segment " + step;
    }
  }

  private static List<Snapshot> randomStream(long seed) {
    Random random = new Random(seed);
    LiveSettings settings =
        LiveSettings.of(Rational.of(2), "/time")
            .withMaxSegmentDuration(Rational.of(3))
            .withWindowSegments(5 + random.nextInt(4));
    int dvr = random.nextInt(3);
    if (dvr == 1) {
      settings = settings.withDvr(DvrWindow.of(settings.windowSegments() + 1 + random.nextInt(10)));
    } else if (dvr == 2) {
      settings = settings.withDvr(DvrWindow.unbounded());
    }
    LiveStream stream = new LiveStream(settings);
    List<Snapshot> snapshots = new ArrayList<>();
    int discontinuities = 0;
    for (int step = 0; step < SEGMENTS; step++) {
      long videoTicks = (30 + random.nextInt(61)) * 3_000L;
      if (step > 0 && random.nextInt(12) == 0) {
        stream.reconnect(random.nextInt(8_000), random.nextInt(1_000_000) * 3_000L, videoTicks);
        discontinuities++;
      } else {
        stream.publish(videoTicks);
      }
      Instant now = stream.liveEdge().plusMillis(random.nextInt(500));
      snapshots.add(
          new Snapshot(
              seed,
              step,
              LiveManifests.build(stream.presentation(), now, settings),
              now,
              discontinuities));
    }
    return snapshots;
  }

  private static List<List<Snapshot>> streams() {
    List<List<Snapshot>> streams = new ArrayList<>();
    for (long seed = 1; seed <= STREAMS; seed++) {
      streams.add(randomStream(seed));
    }
    return streams;
  }

  @Test
  void mediaSequence_randomStreams_neverDecreases() {
    for (List<Snapshot> stream : streams()) {
      long[] previous = new long[3];
      for (Snapshot snapshot : stream) {
        List<String> playlists = playlists(snapshot);
        for (int r = 0; r < playlists.size(); r++) {
          long sequence = number(MEDIA_SEQUENCE, playlists.get(r), 0);
          assertThat(sequence).as(snapshot.name()).isGreaterThanOrEqualTo(previous[r]);
          previous[r] = sequence;
        }
      }
    }
  }

  @Test
  void discontinuitySequence_randomStreams_neverDecreasesAndCountsRemovedDiscontinuities() {
    for (List<Snapshot> stream : streams()) {
      long previous = 0;
      for (Snapshot snapshot : stream) {
        for (String playlist : playlists(snapshot)) {
          long sequence = number(DISCONTINUITY_SEQUENCE, playlist, 0);
          long listed = count("#EXT-X-DISCONTINUITY\n", playlist);
          assertThat(sequence).as(snapshot.name()).isGreaterThanOrEqualTo(previous);
          assertThat(sequence).as(snapshot.name()).isEqualTo(snapshot.discontinuities() - listed);
          previous = sequence;
        }
      }
    }
  }

  @Test
  void extinf_randomStreams_roundedNeverAboveAFixedTargetDuration() {
    for (List<Snapshot> stream : streams()) {
      for (Snapshot snapshot : stream) {
        for (String playlist : playlists(snapshot)) {
          long target = number(TARGET_DURATION, playlist, -1);
          assertThat(target).as(snapshot.name()).isEqualTo(3);
          Matcher extinf = EXTINF.matcher(playlist);
          while (extinf.find()) {
            BigDecimal rounded = new BigDecimal(extinf.group(1)).setScale(0, RoundingMode.HALF_UP);
            assertThat(rounded.longValueExact()).as(snapshot.name()).isLessThanOrEqualTo(target);
          }
        }
      }
    }
  }

  @Test
  void periodStarts_randomStreams_strictlyIncrease() {
    for (List<Snapshot> stream : streams()) {
      for (Snapshot snapshot : stream) {
        List<BigDecimal> starts = MpdTimeline.periodStarts(snapshot.manifests().mpd());
        for (int i = 1; i < starts.size(); i++) {
          assertThat(starts.get(i)).as(snapshot.name()).isGreaterThan(starts.get(i - 1));
        }
      }
    }
  }

  @Test
  void segmentTimeline_randomStreams_contiguousInsideEachPeriod() {
    for (List<Snapshot> stream : streams()) {
      for (Snapshot snapshot : stream) {
        Map<String, List<MpdTimeline.Entry>> templates =
            MpdTimeline.entries(snapshot.manifests().mpd()).stream()
                .collect(
                    Collectors.groupingBy(
                        e -> e.periodId() + " " + e.representations(),
                        java.util.LinkedHashMap::new,
                        Collectors.toList()));
        for (List<MpdTimeline.Entry> entries : templates.values()) {
          for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).startTicks())
                .as(snapshot.name())
                .isEqualTo(entries.get(i - 1).endTicks());
            assertThat(entries.get(i).explicitStart()).as(snapshot.name()).isFalse();
            assertThat(entries.get(i).number())
                .as(snapshot.name())
                .isEqualTo(entries.get(i - 1).number() + 1);
          }
        }
      }
    }
  }

  @Test
  void availability_randomStreams_everyListedSegmentAvailableAtPublishTime() {
    for (List<Snapshot> stream : streams()) {
      for (Snapshot snapshot : stream) {
        String mpd = snapshot.manifests().mpd();
        Instant availabilityStart = MpdTimeline.availabilityStartTime(mpd);
        for (MpdTimeline.Entry entry : MpdTimeline.entries(mpd)) {
          assertThat(entry.wallClockAt(availabilityStart, entry.endTicks()))
              .as(snapshot.name() + ", segment " + entry.number())
              .isBeforeOrEqualTo(snapshot.now());
        }
      }
    }
  }

  @Test
  void mpd_randomStreams_validatesAgainstSchema() {
    for (List<Snapshot> stream : streams()) {
      for (Snapshot snapshot : stream) {
        if (snapshot.step() % 15 == 14) {
          DashSchema.validate(snapshot.manifests().mpd());
        }
      }
    }
  }

  private static List<String> playlists(Snapshot snapshot) {
    Map<String, String> media = snapshot.manifests().mediaPlaylists();
    return List.of(media.get("720p"), media.get("360p"), media.get("audio"));
  }

  private static long number(Pattern pattern, String text, long absent) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : absent;
  }

  private static long count(String needle, String text) {
    long count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
