package dev.abr.packager.presentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.testing.GoldenFiles;
import dev.abr.core.time.Rational;
import dev.abr.testkit.dash.DashSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveManifestsTest {
  /** Manifests are published a quarter of a second after the segment that triggered them. */
  private static final Duration PUBLISH_DELAY = Duration.ofMillis(250);

  private static final long TWO_SECONDS = 2L * LiveStream.VIDEO_TIMESCALE;

  /** 126 segments of 2 s: the 6-segment window lists 120 to 125. */
  private static LiveStream steadyState() {
    return new LiveStream(LiveStream.SETTINGS).publishTwoSecondSegments(126);
  }

  /** The publisher drops after segment 125, comes back 3.5 s later with timestamps from 0. */
  private static LiveStream afterDiscontinuity() {
    return steadyState().reconnect(3_500, 0, TWO_SECONDS);
  }

  /** Six more segments: segment 126, which followed the discontinuity, has slid out. */
  private static LiveStream discontinuitySlidOut() {
    return afterDiscontinuity().publishTwoSecondSegments(6);
  }

  private static Manifests build(LiveStream stream) {
    return build(stream, LiveStream.SETTINGS);
  }

  private static Manifests build(LiveStream stream, LiveSettings settings) {
    return LiveManifests.build(
        stream.presentation(), stream.liveEdge().plus(PUBLISH_DELAY), settings);
  }

  @Test
  void build_steadyState_writesMediaPlaylistsFromSequence120() {
    Manifests manifests = build(steadyState());

    GoldenFiles.assertMatches(manifests.mediaPlaylists().get("720p"), "live/steady_720p.m3u8");
    GoldenFiles.assertMatches(manifests.mediaPlaylists().get("audio"), "live/steady_audio.m3u8");
  }

  @Test
  void build_steadyState_writesMultivariantWithDeclaredBandwidth() {
    Manifests manifests = build(steadyState());

    GoldenFiles.assertMatches(manifests.multivariantPlaylist(), "live/steady_main.m3u8");
    // (3 000 000 + 128 000) * 3/2: declared, so the same in every reload.
    assertThat(manifests.multivariantPlaylist()).contains("BANDWIDTH=4692000,CODECS");
  }

  @Test
  void build_steadyState_writesValidDynamicMpd() {
    Manifests manifests = build(steadyState());

    GoldenFiles.assertMatches(manifests.mpd(), "live/steady.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_afterDiscontinuity_marksItInEveryPlaylist() {
    Manifests manifests = build(afterDiscontinuity());

    GoldenFiles.assertMatches(
        manifests.mediaPlaylists().get("720p"), "live/discontinuity_720p.m3u8");
    GoldenFiles.assertMatches(
        manifests.mediaPlaylists().get("audio"), "live/discontinuity_audio.m3u8");
    assertThat(manifests.mediaPlaylists().values())
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains(
                        "#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:2025-03-01T12:04:15.511Z\n"));
  }

  @Test
  void build_afterDiscontinuity_writesValidMpdWithTwoPeriods() {
    Manifests manifests = build(afterDiscontinuity());

    GoldenFiles.assertMatches(manifests.mpd(), "live/discontinuity.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_discontinuitySlidOut_incrementsDiscontinuitySequenceInEveryPlaylist() {
    Manifests manifests = build(discontinuitySlidOut());

    GoldenFiles.assertMatches(manifests.mediaPlaylists().get("720p"), "live/slid_out_720p.m3u8");
    assertThat(manifests.mediaPlaylists().values())
        .hasSize(3)
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains("#EXT-X-MEDIA-SEQUENCE:127\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n")
                    .doesNotContain("#EXT-X-DISCONTINUITY\n"));
  }

  @Test
  void build_discontinuitySlidOut_writesValidMpdWithOnlyTheNewPeriod() {
    Manifests manifests = build(discontinuitySlidOut());

    GoldenFiles.assertMatches(manifests.mpd(), "live/slid_out.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_dvrWindow_listsTheDvrWindow() {
    LiveSettings settings = LiveStream.SETTINGS.withDvr(DvrWindow.of(15));
    LiveStream stream =
        new LiveStream(settings)
            .publishTwoSecondSegments(30)
            .reconnect(1_000, 0, TWO_SECONDS)
            .publishTwoSecondSegments(9);

    Manifests manifests = build(stream, settings);

    GoldenFiles.assertMatches(manifests.mediaPlaylists().get("720p"), "live/dvr_720p.m3u8");
    GoldenFiles.assertMatches(manifests.mpd(), "live/dvr.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_unboundedDvrWindow_writesEventPlaylistAndMpdWithoutTimeShiftBufferDepth() {
    LiveSettings settings = LiveStream.SETTINGS.withDvr(DvrWindow.unbounded());
    LiveStream stream = new LiveStream(settings).publishTwoSecondSegments(8);

    Manifests manifests = build(stream, settings);

    GoldenFiles.assertMatches(manifests.mediaPlaylists().get("720p"), "live/event_720p.m3u8");
    assertThat(manifests.mpd()).doesNotContain("timeShiftBufferDepth");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_endedWithWholeStreamListed_writesVodPlaylistsAndStaticMpd() {
    LiveStream stream =
        new LiveStream(LiveStream.SETTINGS)
            .publishTwoSecondSegments(3)
            .reconnect(5_000, 900_000, TWO_SECONDS)
            .publish(TWO_SECONDS / 2);
    LivePresentation ended = stream.presentation().end();

    Manifests manifests =
        LiveManifests.build(ended, stream.liveEdge().plus(PUBLISH_DELAY), LiveStream.SETTINGS);

    GoldenFiles.assertMatches(manifests.mediaPlaylists().get("720p"), "live/ended_whole_720p.m3u8");
    GoldenFiles.assertMatches(manifests.multivariantPlaylist(), "live/ended_whole_main.m3u8");
    GoldenFiles.assertMatches(manifests.mpd(), "live/ended_whole.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_endedAfterWindowSlid_writesEndListWithoutPlaylistType() {
    LiveStream stream = steadyState();
    LivePresentation ended = stream.presentation().end();

    Manifests manifests =
        LiveManifests.build(ended, stream.liveEdge().plus(PUBLISH_DELAY), LiveStream.SETTINGS);

    GoldenFiles.assertMatches(
        manifests.mediaPlaylists().get("720p"), "live/ended_window_720p.m3u8");
    assertThat(manifests.mediaPlaylists().values())
        .allSatisfy(
            text -> assertThat(text).endsWith("#EXT-X-ENDLIST\n").doesNotContain("PLAYLIST-TYPE"));
    GoldenFiles.assertMatches(manifests.mpd(), "live/ended_window.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_dynamicMpd_videoSegmentsBecomeAvailableWhenTheirLastSampleEnds() {
    LiveStream stream = afterDiscontinuity();
    Manifests manifests = build(stream);
    Instant availabilityStart = MpdTimeline.availabilityStartTime(manifests.mpd());

    List<MpdTimeline.Entry> video =
        MpdTimeline.entries(manifests.mpd()).stream()
            .filter(e -> e.representations().equals("720p,360p"))
            .toList();

    assertThat(video).hasSize(6);
    for (MpdTimeline.Entry entry : video) {
      LiveSegment segment = segment(stream.presentation(), entry.number());
      assertThat(entry.wallClockAt(availabilityStart, entry.endTicks()))
          .as("segment %s", entry.number())
          .isEqualTo(segment.programDateTime().plusSeconds(2));
    }
  }

  @Test
  void build_dynamicMpd_audioSegmentsStartWithinOneAacFrameOfTheirDate() {
    LiveStream stream = afterDiscontinuity();
    Manifests manifests = build(stream);
    Instant availabilityStart = MpdTimeline.availabilityStartTime(manifests.mpd());

    List<MpdTimeline.Entry> audio =
        MpdTimeline.entries(manifests.mpd()).stream()
            .filter(e -> e.representations().equals("audio"))
            .toList();

    assertThat(audio).hasSize(6);
    for (MpdTimeline.Entry entry : audio) {
      Instant start = entry.wallClockAt(availabilityStart, entry.startTicks());
      Instant date = segment(stream.presentation(), entry.number()).programDateTime();
      // Half an AAC frame at 48 kHz is 10.7 ms: audio is cut at the frame nearest the video cut.
      assertThat(Duration.between(date, start).abs()).isLessThanOrEqualTo(Duration.ofMillis(11));
    }
  }

  @Test
  void build_dynamicMpd_listsOnlySegmentsAvailableAtPublishTime() {
    LiveStream stream = afterDiscontinuity();
    Instant now = stream.liveEdge().plus(PUBLISH_DELAY);
    String mpd = LiveManifests.build(stream.presentation(), now, LiveStream.SETTINGS).mpd();
    Instant availabilityStart = MpdTimeline.availabilityStartTime(mpd);

    assertThat(MpdTimeline.entries(mpd))
        .allSatisfy(
            e -> assertThat(e.wallClockAt(availabilityStart, e.endTicks())).isBeforeOrEqualTo(now));
  }

  @Test
  void build_targetDuration_comesFromTheCapNotTheWindow() {
    LiveSettings settings = LiveStream.SETTINGS.withMaxSegmentDuration(Rational.of(5, 2));
    LiveStream stream = new LiveStream(settings).publishTwoSecondSegments(8);

    Manifests manifests = build(stream, settings);

    assertThat(manifests.mediaPlaylists().values())
        .allSatisfy(text -> assertThat(text).contains("#EXT-X-TARGETDURATION:3\n"));
  }

  @Test
  void build_segmentLongerThanTheCap_isRejected() {
    LiveStream stream =
        new LiveStream(LiveStream.SETTINGS).publish(3L * LiveStream.VIDEO_TIMESCALE);

    assertThatThrownBy(() -> build(stream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above the target duration of 2 s");
  }

  @Test
  void build_nothingPublished_isRejected() {
    LivePresentation empty = LivePresentation.start(LiveStream.RENDITIONS);

    assertThatThrownBy(() -> LiveManifests.build(empty, LiveStream.START, LiveStream.SETTINGS))
        .isInstanceOf(IllegalStateException.class);
  }

  private static LiveSegment segment(LivePresentation presentation, long sequence) {
    return presentation.segments().stream()
        .filter(s -> s.sequence() == sequence)
        .findFirst()
        .orElseThrow();
  }
}
