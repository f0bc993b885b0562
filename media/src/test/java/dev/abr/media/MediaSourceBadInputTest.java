package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.source.SourceVideo;
import dev.abr.core.time.Rational;
import dev.abr.testkit.media.BadMedia;
import dev.abr.testkit.media.BadMedia.MoovPosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every entry of the bad-input list, made as a real file by {@link BadMedia} and opened with the
 * {@link ProbeLimits#DEFAULT default limits}: a refused input fails with the right code and a
 * one-line message naming the file and the reason; an awkward but valid one opens with the right
 * description.
 */
class MediaSourceBadInputTest {
  private static final long DECLARED_MP4_TICKS = BadMedia.MP4_SECONDS * 90_000L;

  @Test
  void openFile_truncatedMp4WithMoovLast_failsAsUnreadableNamingTheMissingMoov() {
    assertRefused(
        BadMedia.truncatedMp4(MoovPosition.LAST),
        ErrorCode.INPUT_UNREADABLE,
        "the file is truncated: its 'mdat' box at offset 40 declares");
  }

  @Test
  void openFile_truncatedMp4WithMoovFirst_declaresTheWholeDuration() {
    try (MediaSource source =
        MediaSource.openFile(BadMedia.truncatedMp4(MoovPosition.FIRST), ProbeLimits.DEFAULT)) {
      assertThat(source.info().duration().ticks()).isEqualTo(DECLARED_MP4_TICKS);
    }
  }

  @Test
  void next_intactMp4WithMoovFirst_readsUpToTheDeclaredDuration() {
    List<SourcePacketSummary> packets = readAll(BadMedia.mp4(MoovPosition.FIRST));

    assertThat(endTicks(packets, TrackKind.VIDEO)).isEqualTo(DECLARED_MP4_TICKS);
  }

  @Test
  void next_truncatedMp4WithMoovFirst_endsAtAboutHalfTheDeclaredDurationWithoutAnError() {
    // Observed with FFmpeg 8.1: 61 of 120 video packets, media ending at 2.03 s of the 4 s
    // declared, then a plain end of file. Ingest compares this end with the declared duration.
    List<SourcePacketSummary> packets = readAll(BadMedia.truncatedMp4(MoovPosition.FIRST));

    assertThat(endTicks(packets, TrackKind.VIDEO))
        .isBetween(DECLARED_MP4_TICKS * 4 / 10, DECLARED_MP4_TICKS * 6 / 10);
    assertThat(endTicks(packets, TrackKind.AUDIO))
        .isBetween(DECLARED_MP4_TICKS * 4 / 10, DECLARED_MP4_TICKS * 6 / 10);
  }

  @Test
  void next_truncatedMp4WithMoovFirst_deliversTheCutFrameAsCorruptAndNotKey() {
    // The cut falls inside the key frame at 2 s: FFmpeg returns the bytes that are there (7 042 of
    // 10 038) with AV_PKT_FLAG_CORRUPT set and without the key flag.
    List<SourcePacketSummary> video =
        readAll(BadMedia.truncatedMp4(MoovPosition.FIRST)).stream()
            .filter(p -> p.kind() == TrackKind.VIDEO)
            .toList();

    SourcePacketSummary last = video.getLast();
    assertThat(last.corrupt()).isTrue();
    assertThat(last.keyFrame()).isFalse();
    assertThat(video.subList(0, video.size() - 1)).noneMatch(SourcePacketSummary::corrupt);
  }

  @Test
  void openFile_ffv1Video_failsAsUnsupportedCodec() {
    assertRefused(
        BadMedia.ffv1Matroska(),
        ErrorCode.INPUT_UNSUPPORTED_CODEC,
        "video codec ffv1 is not supported (supported: av1,");
  }

  @Test
  void openFile_rawVideo_failsAsUnsupportedCodec() {
    assertRefused(
        BadMedia.rawVideoAvi(),
        ErrorCode.INPUT_UNSUPPORTED_CODEC,
        "video codec rawvideo is not supported (supported: av1,");
  }

  @Test
  void openFile_adpcmAudio_failsAsUnsupportedCodec() {
    assertRefused(
        BadMedia.adpcmWav(),
        ErrorCode.INPUT_UNSUPPORTED_CODEC,
        "audio codec adpcm_ms is not supported (supported: aac,");
  }

  @Test
  void openFile_pictureAboveDefaultLimit_failsAsOverLimits() {
    assertRefused(
        BadMedia.singleFrame(4608, 2592),
        ErrorCode.INPUT_OVER_LIMITS,
        "video 4608x2592 is over the limit of 4096x2304");
  }

  @Test
  void openFile_portraitWithLongSideAboveLimit_failsAsOverLimits() {
    assertRefused(
        BadMedia.singleFrame(2304, 4352),
        ErrorCode.INPUT_OVER_LIMITS,
        "video 2304x4352 is over the limit of 4096x2304");
  }

  @Test
  void openFile_portraitUhd_isAcceptedBecauseLimitsApplyToLongAndShortSides() {
    try (MediaSource source =
        MediaSource.openFile(BadMedia.singleFrame(2160, 3840), ProbeLimits.DEFAULT)) {
      SourceVideo video = source.info().video().orElseThrow();
      assertThat(List.of(video.width(), video.height())).containsExactly(2160, 3840);
    }
  }

  @Test
  void openFile_thirteenHourMatroska_failsAsOverLimits() {
    assertRefused(
        BadMedia.thirteenHours("mkv"),
        ErrorCode.INPUT_OVER_LIMITS,
        "duration 46801.0 s is over the limit of 43200 s");
  }

  @Test
  void openFile_thirteenHourMp4WithNoUsableFrameRate_failsAsOverLimits() {
    // Two frames 13 h apart give MP4 no plausible frame rate: the duration is checked first.
    assertRefused(
        BadMedia.thirteenHours("mp4"),
        ErrorCode.INPUT_OVER_LIMITS,
        "duration 46801.0 s is over the limit of 43200 s");
  }

  @Test
  void openFile_tenChannelWav_failsAsOverLimits() {
    assertRefused(
        BadMedia.pcmChannels(10, "wav"),
        ErrorCode.INPUT_OVER_LIMITS,
        "10 audio channels is over the limit of 8");
  }

  @Test
  void openFile_sixteenChannelMatroska_failsAsOverLimits() {
    assertRefused(
        BadMedia.pcmChannels(16, "mkv"),
        ErrorCode.INPUT_OVER_LIMITS,
        "16 audio channels is over the limit of 8");
  }

  @Test
  void openFile_ffconcatPlaylist_failsAsUnsupportedFormat() {
    assertRefused(
        BadMedia.ffconcatPlaylist(),
        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
        "playlist inputs (HLS, DASH, concat) are refused");
  }

  @Test
  void openFile_hlsPlaylistNamedMp4_failsAsUnsupportedFormat() {
    assertRefused(
        BadMedia.hlsPlaylistNamedMp4(false),
        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
        "playlist inputs (HLS, DASH, concat) are refused");
  }

  @Test
  void openFile_hlsPlaylistWithByteOrderMark_failsAsUnsupportedFormat() {
    assertRefused(
        BadMedia.hlsPlaylistNamedMp4(true),
        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
        "playlist inputs (HLS, DASH, concat) are refused");
  }

  @Test
  void openFile_randomBytesNamedMp4_failsAsUnsupportedFormat() {
    assertRefused(
        BadMedia.randomBytesNamedMp4(),
        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
        "not a media file this pipeline reads (Invalid data found when processing input);"
            + " supported containers: MP4/MOV,");
  }

  @Test
  void openFile_jpegNamedMov_failsAsUnsupportedFormatNamingWhatItIs() {
    assertRefused(
        BadMedia.jpegNamedMov(),
        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
        "looks like piped jpeg sequence (jpeg_pipe), which this pipeline does not read");
  }

  @Test
  void openFile_videoOnly_opensWithVideoAndNoAudio() {
    SourceInfo info = probe(BadMedia.videoOnly());

    assertThat(info.video()).hasValueSatisfying(v -> assertThat(v.codec()).isEqualTo("h264"));
    assertThat(info.audio()).isEmpty();
  }

  @Test
  void openFile_audioOnly_opensWithAudioAndNoVideo() {
    SourceInfo info = probe(BadMedia.audioOnly());

    assertThat(info.video()).isEmpty();
    assertThat(info.audio()).hasValueSatisfying(a -> assertThat(a.codec()).isEqualTo("aac"));
  }

  @Test
  void openFile_jitteryThirtyFps_reportsThirtyFps() {
    assertThat(probe(BadMedia.jitteryThirtyFps()).video().orElseThrow().frameRate())
        .isEqualTo(Rational.of(30));
  }

  @Test
  void openFile_thirtyThenFifteenFps_reportsThirtyFps() {
    assertThat(probe(BadMedia.thirtyThenFifteenFps()).video().orElseThrow().frameRate())
        .isEqualTo(Rational.of(30));
  }

  @Test
  void openFile_openGop_reportsProgressiveH264At25Fps() {
    SourceVideo video = probe(BadMedia.openGop()).video().orElseThrow();

    assertThat(video.codec()).isEqualTo("h264");
    assertThat(video.frameRate()).isEqualTo(Rational.of(25));
    assertThat(video.interlaced()).isFalse();
  }

  @Test
  void next_openGop_flagsKeyFramesThatLaterPacketsArePresentedBefore() {
    // x264's open-GOP I-frames are flagged key although the B-frames after them in decode order
    // are shown before them and refer to the previous GOP (leading pictures).
    List<SourcePacketSummary> video =
        readAll(BadMedia.openGop()).stream().filter(p -> p.kind() == TrackKind.VIDEO).toList();

    int keyFramesWithLeadingPictures = 0;
    for (int i = 1; i + 1 < video.size(); i++) {
      if (video.get(i).keyFrame() && video.get(i + 1).ptsTicks() < video.get(i).ptsTicks()) {
        keyFramesWithLeadingPictures++;
      }
    }
    assertThat(keyFramesWithLeadingPictures).isPositive();
  }

  @Test
  void openFile_mpeg2InterlacedPal_reportsInterlacedMpeg2WithPalAspect() {
    SourceVideo video = probe(BadMedia.mpeg2InterlacedPal()).video().orElseThrow();

    assertThat(video.codec()).isEqualTo("mpeg2video");
    assertThat(List.of(video.width(), video.height())).containsExactly(720, 576);
    assertThat(video.frameRate()).isEqualTo(Rational.of(25));
    assertThat(video.interlaced()).isTrue();
    assertThat(video.sampleAspectRatio()).isEqualTo(Rational.of(16, 15));
  }

  private static SourceInfo probe(Path file) {
    try (MediaSource source = MediaSource.openFile(file, ProbeLimits.DEFAULT)) {
      return source.info();
    }
  }

  private static void assertRefused(Path file, ErrorCode code, String reason) {
    assertThatThrownBy(() -> MediaSource.openFile(file, ProbeLimits.DEFAULT).close())
        .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageStartingWith(file.getFileName() + ": ")
        .hasMessageContaining(reason)
        .hasMessageNotContainingAny("\n", "\u0000");
  }

  /** What a test needs of one packet, kept after the packet is closed. */
  private record SourcePacketSummary(
      TrackKind kind, long ptsTicks, long durationTicks, boolean keyFrame, boolean corrupt) {}

  /** Every packet of {@code file}; fails the test if reading throws. */
  private static List<SourcePacketSummary> readAll(Path file) {
    List<SourcePacketSummary> packets = new ArrayList<>();
    try (MediaSource source = MediaSource.openFile(file, ProbeLimits.DEFAULT)) {
      Optional<SourcePacket> next;
      while ((next = source.next()).isPresent()) {
        try (SourcePacket packet = next.get()) {
          packets.add(
              new SourcePacketSummary(
                  packet.kind(),
                  packet.ptsTicks(),
                  packet.durationTicks(),
                  packet.keyFrame(),
                  (packet.packet().flags() & AV_PKT_FLAG_CORRUPT) != 0));
        }
      }
    }
    return packets;
  }

  private static long endTicks(List<SourcePacketSummary> packets, TrackKind kind) {
    return packets.stream()
        .filter(p -> p.kind() == kind)
        .mapToLong(p -> p.ptsTicks() + p.durationTicks())
        .max()
        .orElseThrow();
  }
}
