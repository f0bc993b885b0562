package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.PackageFiles.RenditionFiles;
import dev.abr.cmaf.Fragment;
import dev.abr.cmaf.VideoFormat;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.Topics;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.schema.Schemas;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.testkit.audio.FfmpegAudioDecoder;
import dev.abr.testkit.audio.PcmAudio;
import dev.abr.testkit.audio.ToneContinuityAnalyzer;
import dev.abr.testkit.audio.ToneContinuityOptions;
import dev.abr.testkit.audio.ToneContinuityThresholds;
import dev.abr.testkit.dash.DashSchema;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The VOD pipeline end to end on the embedded default: a 10 s 1080p 29.97 fps H.264 + AAC source (2
 * s closed GOPs, B-frames, a 997/1499 Hz stereo tone) through a real KRaft broker with the default
 * ladder and 4 s segments. One run; each test checks one property of its output.
 */
class VodPipelineTest {
  static final MediaSpec SOURCE = MediaSpec.h264Aac(1920, 1080, Rational.of(30000, 1001), 10);
  static final List<String> VIDEO = List.of("1080p", "720p", "480p", "360p");
  static final Map<String, String> SIZES =
      Map.of("1080p", "1920x1080", "720p", "1280x720", "480p", "854x480", "360p", "640x360");

  /** 300 source frames at 30000/1001: three segments of 120, 120 and 60 frames. */
  static final long FRAME_TICKS = 3003;

  @TempDir static Path folder;
  static PipelineHarness pipeline;
  static PipelineHarness.JobResult job;

  @BeforeAll
  static void runPipeline() {
    Path source = TestMedia.generate(SOURCE);
    pipeline = PipelineHarness.start(folder);
    job =
        pipeline.run(
            source,
            LadderDocuments.builtIn(LadderDocuments.DEFAULT),
            Rational.of(4),
            Duration.ofMinutes(5));
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void job_defaultLadderOn1080pSource_completesWithManifests() {
    assertThat(job.completed()).as(job.events().toString()).isTrue();
    assertThat(job.output().resolve("main.m3u8")).isRegularFile();
    assertThat(job.output().resolve("manifest.mpd")).isRegularFile();
  }

  @Test
  void renditions_areEveryRungAtItsSizeWithProfileAndLevel() {
    Map<String, String> codecs =
        Map.of(
            "1080p",
            "avc1.640028",
            "720p",
            "avc1.64001f",
            "480p",
            "avc1.4d401f",
            "360p",
            "avc1.4d401e");
    for (String rung : VIDEO) {
      RenditionFiles files = PackageFiles.rendition(job.output(), rung);
      VideoFormat format = (VideoFormat) files.track().format();
      assertThat(format.widthPixels() + "x" + format.heightPixels())
          .as(rung)
          .isEqualTo(SIZES.get(rung));
      assertThat(files.track().codecs()).as(rung).isEqualTo(codecs.get(rung));
      assertThat(files.track().timescale()).isEqualTo(90_000);
    }
    assertThat(PackageFiles.rendition(job.output(), "audio").track().codecs())
        .isEqualTo("mp4a.40.2");
  }

  @Test
  void segments_threePerRenditionOf120And120And60Frames() {
    for (String rendition : VIDEO) {
      List<Fragment> segments = PackageFiles.rendition(job.output(), rendition).segments();
      assertThat(segments)
          .extracting(f -> f.samples().size())
          .as(rendition)
          .containsExactly(120, 120, 60);
    }
    assertThat(PackageFiles.rendition(job.output(), "audio").segments()).hasSize(3);
  }

  @Test
  void segments_everyVideoSegmentStartsWithAnIdrFrame() {
    for (String rendition : VIDEO) {
      for (Fragment segment : PackageFiles.rendition(job.output(), rendition).segments()) {
        assertThat(segment.samples().get(0).keyFrame()).isTrue();
        assertThat(PackageFiles.nalTypes(segment.samples().get(0).data()))
            .as(rendition)
            .contains(5);
      }
    }
  }

  @Test
  void segments_ffprobeSeesAnIntraFrameAtEachSegmentStart() {
    for (String rendition : VIDEO) {
      RenditionFiles files = PackageFiles.rendition(job.output(), rendition);
      Path whole =
          PackageFiles.concatenate(
              job.output(), rendition, folder.resolve(rendition + "-whole.mp4"));
      String frames =
          TestMedia.probe(
              List.of(
                  "-v",
                  "error",
                  "-select_streams",
                  "v",
                  "-show_entries",
                  "frame=key_frame,pict_type",
                  "-of",
                  "csv=p=0",
                  whole.toString()));
      List<String> lines = frames.lines().toList();
      assertThat(lines).as(rendition).hasSize(300);
      int index = 0;
      for (Fragment segment : files.segments()) {
        assertThat(lines.get(index)).as(rendition + " frame " + index).startsWith("1,I");
        index += segment.samples().size();
      }
    }
  }

  @Test
  void segments_startAtTheSameTimeInEveryRendition() {
    List<Long> reference = starts("1080p");
    for (String rendition : VIDEO) {
      assertThat(starts(rendition)).as(rendition).isEqualTo(reference);
    }
    assertThat(reference).containsExactly(0L, 120 * FRAME_TICKS, 240 * FRAME_TICKS);
    List<Long> audio = starts("audio");
    for (int i = 0; i < reference.size(); i++) {
      MediaTime video = MediaTime.of(reference.get(i), 90_000);
      MediaTime audioStart = MediaTime.of(audio.get(i), 48_000);
      long differenceSamples =
          Math.abs(video.ticksAt(48_000, java.math.RoundingMode.HALF_UP) - audioStart.ticks());
      assertThat(differenceSamples)
          .as("audio vs video start of segment " + i)
          .isLessThanOrEqualTo(512);
    }
  }

  @Test
  void segments_timestampsAreContiguous() {
    for (String rendition : List.of("1080p", "720p", "480p", "360p", "audio")) {
      List<Fragment> segments = PackageFiles.rendition(job.output(), rendition).segments();
      for (int i = 1; i < segments.size(); i++) {
        assertThat(segments.get(i).baseMediaDecodeTimeTicks())
            .as(rendition + " segment " + i)
            .isEqualTo(segments.get(i - 1).endDecodeTimeTicks());
      }
    }
  }

  @Test
  void duration_equalsTheSourceWithinOneFrame() {
    // The source holds 300 frames at 30000/1001 fps: 10.01 s.
    for (String rendition : VIDEO) {
      List<Fragment> segments = PackageFiles.rendition(job.output(), rendition).segments();
      long total = segments.stream().mapToLong(Fragment::durationTicks).sum();
      assertThat(total).as(rendition).isEqualTo(300 * FRAME_TICKS);
    }
    List<Fragment> audio = PackageFiles.rendition(job.output(), "audio").segments();
    long audioSamples = audio.stream().mapToLong(Fragment::durationTicks).sum();
    assertThat(audioSamples).isBetween(480_480L, 480_480L + 1024);
  }

  @Test
  void audio_decodedAcrossEverySegmentBoundary_hasNoGapRepeatOrClick() {
    // The source tone is 10.000 s (480 000 samples); the video is 10.010 s, so the last segment
    // ends with silence added to reach the video's end. Frames decode back to back (no edit list).
    RenditionFiles audio = PackageFiles.rendition(job.output(), "audio");
    long total = audio.segments().stream().mapToLong(Fragment::durationTicks).sum();
    PcmAudio pcm =
        FfmpegAudioDecoder.decode(
            PackageFiles.concatenate(job.output(), "audio", folder.resolve("audio.mp4")));
    assertThat(pcm.sampleCount()).isEqualTo(total);
    // The first AAC frame of the stream decodes without a predecessor; skip the first 0.2 s.
    ToneContinuityOptions options =
        ToneContinuityOptions.defaults()
            .withSkipLeadingSamples(9600)
            .withSkipTrailingSamples((int) (total - 480_000) + 2048)
            .withExpectedSampleCount(total);
    long lastBoundary =
        audio.segments().get(audio.segments().size() - 1).baseMediaDecodeTimeTicks();
    assertThat(lastBoundary)
        .as("every boundary lies inside the analysed range")
        .isLessThan(480_000 - 2048 - 480);

    // Two AAC generations (the source's and ours) raise the phase noise floor to about half a
    // sample; a one-sample gap or repeat still reads 1.0 (decision 007).
    ToneContinuityThresholds limits =
        ToneContinuityThresholds.defaults().withMaxPhaseErrorSamples(0.75);
    ToneContinuityAnalyzer.analyze(pcm, 0, 997, options).assertContinuous(limits);
    ToneContinuityAnalyzer.analyze(pcm, 1, 1499, options).assertContinuous(limits);
  }

  @Test
  void hls_multivariantListsEveryRungWithMeasuredBandwidthAndCodecs() throws Exception {
    String text = Files.readString(job.output().resolve("main.m3u8"));
    assertThat(text).startsWith("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    assertThat(text).contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\"");
    long audioPeak = peakBitsPerSecond("audio", 48_000);
    for (String rung : VIDEO) {
      Matcher variant =
          Pattern.compile(
                  "#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=(\\d+),CODECS=\"([^\"]+)\","
                      + "RESOLUTION="
                      + SIZES.get(rung)
                      + ",FRAME-RATE=29.970,AUDIO=\"audio\",CLOSED-CAPTIONS=NONE\n"
                      + rung
                      + "/playlist.m3u8\n")
              .matcher(text);
      assertThat(variant.find()).as(rung + " variant in\n" + text).isTrue();
      assertThat(Long.parseLong(variant.group(1)))
          .as(rung + " BANDWIDTH")
          .isEqualTo(peakBitsPerSecond(rung, 90_000) + audioPeak);
      assertThat(Long.parseLong(variant.group(2)))
          .isLessThanOrEqualTo(Long.parseLong(variant.group(1)));
      assertThat(variant.group(3)).endsWith(",mp4a.40.2");
    }
  }

  @Test
  void hls_mediaPlaylistsNameOnlyWrittenSegmentsAndShareTheTargetDuration() throws Exception {
    for (String rendition : List.of("1080p", "720p", "480p", "360p", "audio")) {
      String text = Files.readString(job.output().resolve(rendition).resolve("playlist.m3u8"));
      assertThat(text)
          .contains(
              "#EXT-X-TARGETDURATION:5\n",
              "#EXT-X-PLAYLIST-TYPE:VOD\n",
              "#EXT-X-MAP:URI=\"init.mp4\"\n")
          .endsWith("#EXT-X-ENDLIST\n");
      Matcher extinf = Pattern.compile("#EXTINF:([0-9.]+),\n([^\n]+)\n").matcher(text);
      int segments = 0;
      while (extinf.find()) {
        assertThat(Math.round(Double.parseDouble(extinf.group(1)))).isLessThanOrEqualTo(5);
        assertThat(job.output().resolve(rendition).resolve(extinf.group(2))).isRegularFile();
        segments++;
      }
      assertThat(segments).as(rendition).isEqualTo(3);
    }
    assertThat(Files.readString(job.output().resolve("1080p/playlist.m3u8")))
        .contains("#EXTINF:4.004,\n0.m4s\n#EXTINF:4.004,\n1.m4s\n#EXTINF:2.002,\n2.m4s\n");
  }

  @Test
  void dash_mpdIsSchemaValidAndItsTimelineMatchesTheSegments() throws Exception {
    String mpd = Files.readString(job.output().resolve("manifest.mpd"));
    DashSchema.validate(mpd);
    assertThat(mpd)
        .contains(
            "type=\"static\"",
            "mediaPresentationDuration=",
            "segmentAlignment=\"true\"",
            "<S t=\"0\" d=\"360360\" r=\"1\"/>",
            "<S d=\"180180\"/>",
            "codecs=\"avc1.640028\"",
            "codecs=\"mp4a.40.2\"",
            "media=\"$RepresentationID$/$Number$.m4s\"",
            "startNumber=\"0\"");
    for (String rung : VIDEO) {
      assertThat(mpd).contains("<Representation id=\"" + rung + "\"");
    }
  }

  @Test
  void kafkaMessages_everyRecordMatchesItsSchema() {
    Map<String, String> schemas =
        Map.of(
            Topics.JOB_SUBMITTED, Schemas.JOB_SUBMITTED,
            Topics.TRANSCODE_REQUESTED, Schemas.TRANSCODE_REQUESTED,
            Topics.PACKAGE_REQUESTED, Schemas.PACKAGE_EVENT,
            Topics.JOB_EVENTS, Schemas.JOB_EVENT);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, String> topic : schemas.entrySet()) {
      List<JsonNode> records = pipeline.messages(topic.getKey());
      assertThat(records).as(topic.getKey()).isNotEmpty();
      for (JsonNode record : records) {
        checked++;
        List<String> errors = Schemas.validate(topic.getValue(), record);
        if (!errors.isEmpty()) {
          problems.add(topic.getKey() + ": " + errors + " in " + record);
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void jobEvents_reportEveryChunkRenditionAndSegment() {
    assertThat(job.ofType(JobEventType.CHUNK_CUT)).hasSize(3);
    assertThat(job.ofType(JobEventType.FRAGMENT_TRANSCODED)).hasSize(3 * 4);
    assertThat(job.ofType(JobEventType.SEGMENT_PACKAGED)).hasSize(3);
    assertThat(job.ofType(JobEventType.CHUNKING_COMPLETED).get(0).total()).contains(3L);
    assertThat(job.last().outputs())
        .hasValueSatisfying(
            o -> {
              assertThat(o.hls()).endsWith("main.m3u8");
              assertThat(o.dash()).endsWith("manifest.mpd");
            });
  }

  @Test
  void metrics_countChunksFramesAndBytes() {
    var registry = pipeline.registry();
    // 10 s fits in one chunk (8 segments of 4 s per chunk by default): one encoder start per rung.
    assertThat(registry.get(MetricNames.INGEST_CHUNKS).counter().count()).isEqualTo(1);
    assertThat(registry.get(MetricNames.TRANSCODE_CHUNKS).counter().count()).isEqualTo(1);
    assertThat(registry.get(MetricNames.PACKAGE_SEGMENTS).counter().count()).isEqualTo(3);
    assertThat(
            registry
                .get(MetricNames.TRANSCODE_FRAMES)
                .tag(MetricNames.TAG_RENDITION, "720p")
                .counter()
                .count())
        .isEqualTo(300);
    assertThat(
            registry
                .get(MetricNames.TRANSCODE_ENCODE)
                .tag(MetricNames.TAG_RENDITION, "1080p")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(MetricNames.STORAGE_BYTES_WRITTEN)
                .tag(MetricNames.TAG_STAGE, "packager")
                .counter()
                .count())
        .isPositive();
  }

  @Test
  void hlsJs_playsTheOutputAndDecodesEveryRung() {
    try (Players players = Players.serve(job.output())) {
      Players.Result result =
          players.playAndSwitch(dev.abr.testkit.player.PlayerKind.HLS_JS, "main.m3u8");
      result.assertPlayedEveryLevel(VIDEO.size());
    }
  }

  @Test
  void dashJs_playsTheOutputAndDecodesEveryRung() {
    try (Players players = Players.serve(job.output())) {
      Players.Result result =
          players.playAndSwitch(dev.abr.testkit.player.PlayerKind.DASH_JS, "manifest.mpd");
      result.assertPlayedEveryLevel(VIDEO.size());
    }
  }

  private static List<Long> starts(String rendition) {
    return PackageFiles.rendition(job.output(), rendition).segments().stream()
        .map(Fragment::baseMediaDecodeTimeTicks)
        .toList();
  }

  /** The largest segment bit rate of a rendition, from the segment files themselves. */
  static long peakBitsPerSecond(String rendition, int timescale) throws Exception {
    RenditionFiles files = PackageFiles.rendition(job.output(), rendition);
    long peak = 0;
    for (int i = 0; i < files.segments().size(); i++) {
      long bits = Files.size(files.segmentFiles().get(i)) * 8L * timescale;
      long duration = files.segments().get(i).durationTicks();
      peak = Math.max(peak, (bits + duration - 1) / duration);
    }
    return peak;
  }

  static String text(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
