package dev.abr.packager.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.testing.GoldenFiles;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.testkit.dash.DashSchema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MpdWriterTest {
  private static final int VIDEO_TIMESCALE = 90_000;
  private static final int AUDIO_TIMESCALE = 48_000;
  private static final String INIT = "$RepresentationID$/init.mp4";
  private static final String MEDIA = "$RepresentationID$/$Number$.m4s";

  /** 4.004 + 4.004 + 2.002 s at 30000/1001 fps: 120, 120 and 60 frames. */
  private static final SegmentTimeline VIDEO_TIMELINE =
      SegmentTimeline.contiguous(0, List.of(360_360L, 360_360L, 180_180L));

  /** The audio cut next to the video cuts: 188, 187 and 94 AAC frames. */
  private static final SegmentTimeline AUDIO_TIMELINE =
      SegmentTimeline.contiguous(0, List.of(188 * 1024L, 187 * 1024L, 94 * 1024L));

  private static final MediaTime DURATION = MediaTime.of(900_900, VIDEO_TIMESCALE);

  @Test
  void write_staticVodWithFourVideoRungsAndAudio_matchesGoldenAndSchema() {
    var mpd =
        Mpd.ofStatic(
            List.of(Mpd.PROFILE_ISOFF_LIVE),
            DURATION,
            MediaTime.of(2, 1),
            List.of(Period.startingAtZero("0", List.of(videoLadder(0), audio(1)))));

    String xml = MpdWriter.write(mpd);

    GoldenFiles.assertMatches(xml, "dash/vod_static.mpd");
    DashSchema.validate(xml);
  }

  @Test
  void write_audioOnly_matchesGoldenAndSchema() {
    var mpd =
        Mpd.ofStatic(
            List.of(Mpd.PROFILE_ISOFF_LIVE),
            DURATION,
            MediaTime.of(2, 1),
            List.of(Period.startingAtZero("0", List.of(audio(0)))));

    String xml = MpdWriter.write(mpd);

    GoldenFiles.assertMatches(xml, "dash/audio_only.mpd");
    DashSchema.validate(xml);
  }

  @Test
  void write_videoOnly_matchesGoldenAndSchema() {
    var mpd =
        Mpd.ofStatic(
            List.of(Mpd.PROFILE_ISOFF_LIVE, Mpd.PROFILE_CMAF),
            DURATION,
            MediaTime.of(2, 1),
            List.of(Period.startingAtZero("0", List.of(videoLadder(0)))));

    String xml = MpdWriter.write(mpd);

    GoldenFiles.assertMatches(xml, "dash/video_only.mpd");
    DashSchema.validate(xml);
  }

  @Test
  void write_dynamicWithGapInTimeline_matchesGoldenAndSchema() {
    // A live window of 2.002 s segments numbered from 120. The input lost 2.002 s after the third
    // one, so the fourth starts one segment later and its entry carries t again; $Number$ keeps
    // counting entries (ISO/IEC 23009-1 §5.3.9.5.3), so it is number 123.
    long segmentTicks = 180_180;
    long firstStart = 120 * segmentTicks;
    var timeline =
        new SegmentTimeline(
            List.of(
                new SegmentTimeline.Segment(firstStart, segmentTicks),
                new SegmentTimeline.Segment(firstStart + segmentTicks, segmentTicks),
                new SegmentTimeline.Segment(firstStart + 2 * segmentTicks, segmentTicks),
                new SegmentTimeline.Segment(firstStart + 4 * segmentTicks, segmentTicks),
                new SegmentTimeline.Segment(firstStart + 5 * segmentTicks, segmentTicks)));
    var template = SegmentTemplate.of(VIDEO_TIMESCALE, INIT, MEDIA, 120, timeline);
    var video =
        AdaptationSet.builder(0, ContentType.VIDEO, "video/mp4")
            .segmentAlignment(true)
            .startWithSap(1)
            .frameRate(Rational.parse("30000/1001"))
            .pictureAspectRatio(AspectRatio.of(16, 9))
            .addRepresentation(
                Representation.video("720p", 3_000_000, "avc1.64001f", 1280, 720, template))
            .addRepresentation(
                Representation.video("360p", 800_000, "avc1.4d401e", 640, 360, template))
            .build();
    var timing =
        new DynamicTiming(
            Instant.parse("2025-03-01T12:00:00Z"),
            Instant.parse("2025-03-01T12:04:12.500Z"),
            Optional.of(MediaTime.of(2, 1)),
            Optional.of(MediaTime.of(30, 1)),
            Optional.of(MediaTime.of(6, 1)),
            List.of(Descriptor.utcTimingHttpIso("https://time.example/iso")));
    var mpd =
        Mpd.ofDynamic(
            List.of(Mpd.PROFILE_ISOFF_LIVE),
            MediaTime.of(2, 1),
            timing,
            List.of(Period.startingAtZero("0", List.of(video))));

    String xml = MpdWriter.write(mpd);

    GoldenFiles.assertMatches(xml, "dash/dynamic.mpd");
    DashSchema.validate(xml);
  }

  @Test
  void write_representationsWithDifferentTimelines_writesTemplatePerRepresentation() {
    var shortTimeline = SegmentTimeline.contiguous(0, List.of(360_360L, 360_360L));
    var set =
        AdaptationSet.builder(0, ContentType.VIDEO, "video/mp4")
            .addRepresentation(
                Representation.video(
                    "720p",
                    3_000_000,
                    "avc1.64001f",
                    1280,
                    720,
                    SegmentTemplate.of(VIDEO_TIMESCALE, INIT, MEDIA, 0, VIDEO_TIMELINE)))
            .addRepresentation(
                Representation.video(
                    "360p",
                    800_000,
                    "avc1.4d401e",
                    640,
                    360,
                    SegmentTemplate.of(VIDEO_TIMESCALE, INIT, MEDIA, 0, shortTimeline)))
            .build();
    var mpd =
        Mpd.ofStatic(
            List.of(Mpd.PROFILE_ISOFF_LIVE),
            DURATION,
            MediaTime.of(2, 1),
            List.of(Period.startingAtZero("0", List.of(set))));

    String xml = MpdWriter.write(mpd);

    GoldenFiles.assertMatches(xml, "dash/per_representation_templates.mpd");
    DashSchema.validate(xml);
  }

  @Test
  void write_contiguousEqualSegments_writesOneEntryWithRepeat() {
    String xml = writeSingleVideo(SegmentTimeline.contiguous(0, List.of(100L, 100L, 100L)));

    assertThat(xml).contains("<S t=\"0\" d=\"100\" r=\"2\"/>").doesNotContain("<S d=");
  }

  @Test
  void write_durationChangeWithoutGap_startsNewEntryWithoutTime() {
    String xml = writeSingleVideo(SegmentTimeline.contiguous(500, List.of(100L, 100L, 40L)));

    assertThat(xml).contains("<S t=\"500\" d=\"100\" r=\"1\"/>\n").contains("<S d=\"40\"/>");
  }

  @Test
  void write_gapBetweenSegments_repeatsTimeAfterGap() {
    var timeline =
        new SegmentTimeline(
            List.of(new SegmentTimeline.Segment(0, 100), new SegmentTimeline.Segment(150, 100)));

    String xml = writeSingleVideo(timeline);

    assertThat(xml).contains("<S t=\"0\" d=\"100\"/>").contains("<S t=\"150\" d=\"100\"/>");
  }

  @Test
  void duration_thirtyPointZeroThreeSeconds_hasThreeDecimals() {
    assertThat(MpdWriter.duration(MediaTime.of(30_030, 1_000))).isEqualTo("PT30.030S");
  }

  @Test
  void duration_ntscFrameCount_isExactToTheMillisecond() {
    // 300 frames at 30000/1001 fps = 10.01 s.
    assertThat(MpdWriter.duration(MediaTime.of(300 * 3003, VIDEO_TIMESCALE)))
        .isEqualTo("PT10.010S");
  }

  @Test
  void duration_ntscFrameCountNotMultipleOfThousandths_roundsHalfUp() {
    // 61 frames of 1001/30000 s = 2.0353666... s.
    assertThat(MpdWriter.duration(MediaTime.of(61 * 1001, 30_000))).isEqualTo("PT2.035S");
  }

  @Test
  void duration_exactHalfMillisecond_roundsUp() {
    assertThat(MpdWriter.duration(MediaTime.of(5, 10_000))).isEqualTo("PT0.001S");
  }

  @Test
  void duration_zero_isWrittenWithDecimals() {
    assertThat(MpdWriter.duration(MediaTime.zero(90_000))).isEqualTo("PT0.000S");
  }

  @Test
  void duration_negative_throws() {
    assertThatThrownBy(() -> MpdWriter.duration(MediaTime.of(-1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dateTime_subMillisecondInstant_isTruncatedToMilliseconds() {
    assertThat(MpdWriter.dateTime(Instant.parse("2025-03-01T12:00:00.123456Z")))
        .isEqualTo("2025-03-01T12:00:00.123Z");
  }

  private static String writeSingleVideo(SegmentTimeline timeline) {
    var set =
        AdaptationSet.builder(0, ContentType.VIDEO, "video/mp4")
            .addRepresentation(
                Representation.video(
                    "v",
                    1_000_000,
                    "avc1.64001f",
                    1280,
                    720,
                    SegmentTemplate.of(VIDEO_TIMESCALE, INIT, MEDIA, 0, timeline)))
            .build();
    return MpdWriter.write(
        Mpd.ofStatic(
            List.of(Mpd.PROFILE_ISOFF_LIVE),
            DURATION,
            MediaTime.of(2, 1),
            List.of(Period.startingAtZero("0", List.of(set)))));
  }

  private static AdaptationSet videoLadder(long id) {
    var template = SegmentTemplate.of(VIDEO_TIMESCALE, INIT, MEDIA, 0, VIDEO_TIMELINE);
    return AdaptationSet.builder(id, ContentType.VIDEO, "video/mp4")
        .segmentAlignment(true)
        .startWithSap(1)
        .frameRate(Rational.parse("30000/1001"))
        .pictureAspectRatio(AspectRatio.of(16, 9))
        .addRepresentation(
            Representation.video("1080p", 5_000_000, "avc1.640028", 1920, 1080, template))
        .addRepresentation(
            Representation.video("720p", 3_000_000, "avc1.64001f", 1280, 720, template))
        .addRepresentation(
            Representation.video("480p", 1_500_000, "avc1.64001e", 854, 480, template))
        .addRepresentation(Representation.video("360p", 800_000, "avc1.4d401e", 640, 360, template))
        .build();
  }

  private static AdaptationSet audio(long id) {
    return AdaptationSet.builder(id, ContentType.AUDIO, "audio/mp4")
        .segmentAlignment(true)
        .startWithSap(1)
        .language("en")
        .audioChannelConfiguration(Descriptor.cicpChannelConfiguration(2))
        .addRepresentation(
            Representation.audio(
                "audio",
                128_000,
                "mp4a.40.2",
                AUDIO_TIMESCALE,
                SegmentTemplate.of(AUDIO_TIMESCALE, INIT, MEDIA, 0, AUDIO_TIMELINE)))
        .build();
  }
}
