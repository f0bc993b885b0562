package dev.abr.packager.presentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.TrackKind;
import dev.abr.core.testing.GoldenFiles;
import dev.abr.core.time.Rational;
import dev.abr.testkit.dash.DashSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VodManifestsTest {
  private static final Rational NTSC = Rational.of(30000, 1001);

  private static RenditionInfo video(String name, int width, int height, long bitrate) {
    return new RenditionInfo(
        name,
        TrackKind.VIDEO,
        90_000,
        bitrate,
        width,
        height,
        Optional.of(NTSC),
        0,
        0,
        Optional.empty());
  }

  private static final RenditionInfo AUDIO =
      new RenditionInfo(
          "audio",
          TrackKind.AUDIO,
          48_000,
          128_000,
          0,
          0,
          Optional.empty(),
          48_000,
          2,
          Optional.empty());

  /**
   * Three segments of 120, 120 and 61 frames at 30000/1001 (3003 ticks each), sizes scaled by
   * {@code bytesPerFrame}.
   */
  private static RenditionTimeline videoTimeline(
      RenditionInfo info, String codecs, int bytesPerFrame) {
    List<PublishedSegment> segments = new ArrayList<>();
    long start = 0;
    int[] frames = {120, 120, 61};
    for (int i = 0; i < frames.length; i++) {
      long duration = frames[i] * 3003L;
      // The middle segment is 20 % bigger, so peak and average differ.
      long size = (long) frames[i] * bytesPerFrame * (i == 1 ? 6 : 5) / 5;
      segments.add(new PublishedSegment(i, start, duration, size));
      start += duration;
    }
    return new RenditionTimeline(info, codecs, segments);
  }

  /** Audio segments of 188, 188 and 95 AAC frames (1024 samples each). */
  private static RenditionTimeline audioTimeline() {
    int[] frames = {188, 188, 95};
    List<PublishedSegment> segments = new ArrayList<>();
    long start = 0;
    for (int i = 0; i < frames.length; i++) {
      long duration = frames[i] * 1024L;
      segments.add(new PublishedSegment(i, start, duration, frames[i] * 372L));
      start += duration;
    }
    return new RenditionTimeline(AUDIO, "mp4a.40.2", segments);
  }

  private static List<RenditionTimeline> fullLadder() {
    return List.of(
        videoTimeline(video("1080p", 1920, 1080, 5_000_000), "avc1.640028", 20_800),
        videoTimeline(video("720p", 1280, 720, 3_000_000), "avc1.64001f", 12_500),
        videoTimeline(video("480p", 854, 480, 1_200_000), "avc1.4d401f", 5_000),
        videoTimeline(video("360p", 640, 360, 700_000), "avc1.4d401e", 2_900),
        audioTimeline());
  }

  @Test
  void build_fullLadder_writesMultivariantWithAudioGroup() {
    Manifests manifests = VodManifests.build(fullLadder(), Rational.of(4));

    GoldenFiles.assertMatches(manifests.multivariantPlaylist(), "presentation/ladder_main.m3u8");
  }

  @Test
  void build_fullLadder_writesMediaPlaylistsSharingOneTargetDuration() {
    Manifests manifests = VodManifests.build(fullLadder(), Rational.of(4));

    GoldenFiles.assertMatches(
        manifests.mediaPlaylists().get("720p"), "presentation/ladder_720p.m3u8");
    GoldenFiles.assertMatches(
        manifests.mediaPlaylists().get("audio"), "presentation/ladder_audio.m3u8");
    assertThat(manifests.mediaPlaylists().values())
        .allSatisfy(text -> assertThat(text).contains("#EXT-X-TARGETDURATION:5\n"));
  }

  @Test
  void build_fullLadder_writesValidStaticMpd() {
    Manifests manifests = VodManifests.build(fullLadder(), Rational.of(4));

    GoldenFiles.assertMatches(manifests.mpd(), "presentation/ladder.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_audioOnly_writesAudioOnlyVariantAndMpd() {
    Manifests manifests = VodManifests.build(List.of(audioTimeline()), Rational.of(4));

    GoldenFiles.assertMatches(
        manifests.multivariantPlaylist(), "presentation/audio_only_main.m3u8");
    GoldenFiles.assertMatches(manifests.mpd(), "presentation/audio_only.mpd");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void build_videoOnly_hasNoAudioGroup() {
    Manifests manifests =
        VodManifests.build(
            List.of(videoTimeline(video("360p", 640, 360, 700_000), "avc1.4d401e", 2_900)),
            Rational.of(4));

    GoldenFiles.assertMatches(
        manifests.multivariantPlaylist(), "presentation/video_only_main.m3u8");
    assertThat(manifests.multivariantPlaylist())
        .doesNotContain("EXT-X-MEDIA")
        .doesNotContain("AUDIO=");
    DashSchema.validate(manifests.mpd());
  }

  @Test
  void peakBitsPerSecond_isTheLargestSegmentRateIncludingAudio() {
    RenditionTimeline video = videoTimeline(video("360p", 640, 360, 700_000), "avc1.4d401e", 2_900);

    // Middle segment: 120 frames * 2900 * 6/5 bytes over 120 * 3003 / 90000 s.
    assertThat(video.peakBitsPerSecond()).isEqualTo(834_366);
    assertThat(video.averageBitsPerSecond()).isLessThan(video.peakBitsPerSecond());
  }

  @Test
  void renditionTimeline_gapBetweenSegments_isRejectedNamingBoth() {
    List<PublishedSegment> segments =
        List.of(new PublishedSegment(0, 0, 3003, 10), new PublishedSegment(1, 3004, 3003, 10));

    assertThatThrownBy(() -> new RenditionTimeline(AUDIO, "mp4a.40.2", segments))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment 1 starts at 3004/48000 but segment 0 ended at 3003/48000");
  }
}
