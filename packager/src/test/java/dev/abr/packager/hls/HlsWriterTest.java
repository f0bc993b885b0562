package dev.abr.packager.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.testing.GoldenFiles;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HlsWriterTest {
  private static final int VIDEO_TIMESCALE = 90_000;
  private static final int AUDIO_TIMESCALE = 48_000;
  private static final Rational NTSC_30 = Rational.parse("30000/1001");

  @Test
  void write_vodMultivariantWithFourVideoRungsAndOneAudioGroup_matchesGolden() {
    var playlist =
        new MultivariantPlaylist(
            6,
            List.of(
                VariantStream.video(
                    5_500_000,
                    5_000_000,
                    "avc1.640028,mp4a.40.2",
                    Resolution.of(1920, 1080),
                    NTSC_30,
                    "audio",
                    "1080p/playlist.m3u8"),
                VariantStream.video(
                    3_300_000,
                    3_000_000,
                    "avc1.64001f,mp4a.40.2",
                    Resolution.of(1280, 720),
                    NTSC_30,
                    "audio",
                    "720p/playlist.m3u8"),
                VariantStream.video(
                    1_650_000,
                    1_500_000,
                    "avc1.64001e,mp4a.40.2",
                    Resolution.of(854, 480),
                    NTSC_30,
                    "audio",
                    "480p/playlist.m3u8"),
                VariantStream.video(
                    880_000,
                    800_000,
                    "avc1.4d401e,mp4a.40.2",
                    Resolution.of(640, 360),
                    NTSC_30,
                    "audio",
                    "360p/playlist.m3u8")),
            List.of(Rendition.defaultAudio("audio", "English", "en", 2, "audio/playlist.m3u8")),
            /* independentSegments= */ true);

    GoldenFiles.assertMatches(HlsWriter.write(playlist), "hls/vod_multivariant.m3u8");
  }

  @Test
  void write_audioOnlyMultivariant_matchesGolden() {
    var playlist =
        new MultivariantPlaylist(
            6,
            List.of(VariantStream.audioOnly(140_000, 128_000, "mp4a.40.2", "audio/playlist.m3u8")),
            List.of(),
            /* independentSegments= */ true);

    GoldenFiles.assertMatches(HlsWriter.write(playlist), "hls/audio_only_multivariant.m3u8");
  }

  @Test
  void write_vodVideoMediaPlaylist_matchesGolden() {
    var playlist =
        MediaPlaylist.builder()
            .type(PlaylistType.VOD)
            .independentSegments(true)
            .map("init.mp4")
            .addSegment(MediaSegment.of(MediaTime.of(360_360, VIDEO_TIMESCALE), "0.m4s"))
            .addSegment(MediaSegment.of(MediaTime.of(360_360, VIDEO_TIMESCALE), "1.m4s"))
            .addSegment(MediaSegment.of(MediaTime.of(180_180, VIDEO_TIMESCALE), "2.m4s"))
            .endList(true)
            .build();

    GoldenFiles.assertMatches(HlsWriter.write(playlist), "hls/vod_video_media.m3u8");
  }

  @Test
  void write_vodAudioMediaPlaylist_matchesGolden() {
    // AAC frames are 1024 ticks at 48 kHz: 188 frames = 4.010666... s, 94 frames = 2.005333... s.
    var playlist =
        MediaPlaylist.builder()
            .type(PlaylistType.VOD)
            .independentSegments(true)
            .map("init.mp4")
            .addSegment(MediaSegment.of(MediaTime.of(188 * 1024, AUDIO_TIMESCALE), "0.m4s"))
            .addSegment(MediaSegment.of(MediaTime.of(187 * 1024, AUDIO_TIMESCALE), "1.m4s"))
            .addSegment(MediaSegment.of(MediaTime.of(94 * 1024, AUDIO_TIMESCALE), "2.m4s"))
            .endList(true)
            .build();

    GoldenFiles.assertMatches(HlsWriter.write(playlist), "hls/vod_audio_media.m3u8");
  }

  @Test
  void write_liveMediaPlaylistWithDiscontinuity_matchesGolden() {
    Instant start = Instant.parse("2025-03-01T12:00:00Z");
    MediaTime segment = MediaTime.of(180_180, VIDEO_TIMESCALE);
    var playlist =
        MediaPlaylist.builder()
            .mediaSequence(120)
            .discontinuitySequence(1)
            .independentSegments(true)
            .map("init.mp4")
            .addSegment(MediaSegment.of(segment, "120.m4s").withProgramDateTime(start))
            .addSegment(MediaSegment.of(segment, "121.m4s"))
            .addSegment(
                MediaSegment.of(segment, "122.m4s")
                    .withDiscontinuity()
                    .withProgramDateTime(Instant.parse("2025-03-01T12:00:10.010Z")))
            .addSegment(MediaSegment.of(segment, "123.m4s"))
            .build();

    GoldenFiles.assertMatches(
        HlsWriter.write(playlist, TargetDurationPolicy.fixed(2)), "hls/live_media.m3u8");
  }

  @Test
  void write_segmentLongerThanFixedTarget_throws() {
    var playlist =
        MediaPlaylist.builder()
            .addSegment(MediaSegment.of(MediaTime.of(2_500, 1_000), "0.m4s"))
            .build();

    assertThatThrownBy(() -> HlsWriter.write(playlist, TargetDurationPolicy.fixed(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.m4s")
        .hasMessageContaining("above the target duration of 2 s");
  }

  @Test
  void write_segmentRoundingDownToFixedTarget_isAccepted() {
    // RFC 8216 §4.3.3.1 compares the EXTINF rounded to the nearest integer: 2.499 rounds to 2.
    var playlist =
        MediaPlaylist.builder()
            .addSegment(MediaSegment.of(MediaTime.of(2_499, 1_000), "0.m4s"))
            .build();

    assertThat(HlsWriter.write(playlist, TargetDurationPolicy.fixed(2)))
        .contains("#EXT-X-TARGETDURATION:2\n");
  }

  @Test
  void extinfSeconds_ntscFrameMultiple_isExact() {
    // 120 frames of 30000/1001 fps = 4.004 s = 360360/90000.
    assertThat(HlsWriter.extinfSeconds(MediaTime.of(120 * 3003, VIDEO_TIMESCALE)).toPlainString())
        .isEqualTo("4.004");
  }

  @Test
  void extinfSeconds_ntscFrameCountNotMultipleOfThousandths_roundsHalfUp() {
    // 61 frames of 1001/30000 s = 2.0353666... s.
    assertThat(HlsWriter.extinfSeconds(MediaTime.of(61 * 1001, 30_000)).toPlainString())
        .isEqualTo("2.035");
  }

  @Test
  void extinfSeconds_exactHalfThousandth_roundsUp() {
    assertThat(HlsWriter.extinfSeconds(MediaTime.of(20_025, 10_000)).toPlainString())
        .isEqualTo("2.003");
  }

  @Test
  void extinfSeconds_wholeSeconds_keepsThreeDecimals() {
    assertThat(HlsWriter.extinfSeconds(MediaTime.of(540_000, VIDEO_TIMESCALE)).toPlainString())
        .isEqualTo("6.000");
  }

  @Test
  void extinfSeconds_aacFrames_roundsToNearestThousandth() {
    // 188 AAC frames at 48 kHz = 4.0106666... s.
    assertThat(HlsWriter.extinfSeconds(MediaTime.of(188 * 1024, AUDIO_TIMESCALE)).toPlainString())
        .isEqualTo("4.011");
  }

  @Test
  void programDateTime_subMillisecondInstant_isTruncatedToMillisecondsInUtc() {
    assertThat(HlsWriter.programDateTime(Instant.parse("2025-03-01T12:00:10.010999Z")))
        .isEqualTo("2025-03-01T12:00:10.010Z");
  }

  @Test
  void write_ntscFilmFrameRate_isWrittenWithThreeDecimals() {
    var playlist =
        new MultivariantPlaylist(
            6,
            List.of(
                VariantStream.video(
                    1_000_000,
                    900_000,
                    "avc1.64001f,mp4a.40.2",
                    Resolution.of(1280, 720),
                    Rational.parse("24000/1001"),
                    "audio",
                    "720p/playlist.m3u8")),
            List.of(Rendition.defaultAudio("audio", "English", "en", 2, "audio/playlist.m3u8")),
            true);

    assertThat(HlsWriter.write(playlist)).contains(",FRAME-RATE=23.976,");
  }
}
