package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.PackageFiles.RenditionFiles;
import dev.abr.cmaf.AudioFormat;
import dev.abr.cmaf.Fragment;
import dev.abr.cmaf.VideoFormat;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.time.Rational;
import dev.abr.testkit.dash.DashSchema;
import dev.abr.testkit.media.BadMedia;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that differ from the plain case, each through the whole pipeline with the small ladder
 * (360p + 240p, x264 superfast) and one segment per chunk: one broker for the class, one job per
 * test.
 */
class VodSourceVariantsTest {
  private static final Ladder SMALL = LadderDocuments.builtIn(LadderDocuments.SMALL);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir static Path folder;
  static PipelineHarness pipeline;

  /** One segment per chunk: every segment boundary is a chunk cut, exercising the chunker. */
  @BeforeAll
  static void start() {
    pipeline =
        PipelineHarness.start(
            folder, dev.abr.ingest.stream.IngestSettings.DEFAULT.withSegmentsPerChunk(1));
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static PipelineHarness.JobResult run(MediaSpec spec) {
    PipelineHarness.JobResult job =
        pipeline.run(TestMedia.generate(spec), SMALL, Rational.of(4), TIMEOUT);
    assertThat(job.completed()).as(job.events().toString()).isTrue();
    return job;
  }

  private static String size(Path output, String rendition) {
    VideoFormat format = (VideoFormat) PackageFiles.rendition(output, rendition).track().format();
    return format.widthPixels() + "x" + format.heightPixels();
  }

  @Test
  void videoOnlySource_packagesALadderWithoutAudio() throws Exception {
    PipelineHarness.JobResult job =
        run(MediaSpec.h264Aac(640, 360, Rational.of(25), 5).withoutAudio());

    assertThat(job.output().resolve("audio")).doesNotExist();
    assertThat(Files.readString(job.output().resolve("main.m3u8")))
        .doesNotContain("EXT-X-MEDIA", "mp4a");
    String mpd = Files.readString(job.output().resolve("manifest.mpd"));
    assertThat(mpd).doesNotContain("contentType=\"audio\"");
    DashSchema.validate(mpd);
  }

  @Test
  void audioOnlySource_packagesAudioOnly() throws Exception {
    PipelineHarness.JobResult job =
        run(MediaSpec.h264Aac(640, 360, Rational.of(25), 6).withoutVideo().withContainer("mkv"));

    assertThat(job.output().resolve("360p")).doesNotExist();
    assertThat(Files.readString(job.output().resolve("main.m3u8")))
        .contains("CODECS=\"mp4a.40.2\"\naudio/playlist.m3u8")
        .doesNotContain("RESOLUTION");
    RenditionFiles audio = PackageFiles.rendition(job.output(), "audio");
    assertThat(audio.segments()).hasSize(2);
    assertThat(audio.segments().stream().mapToLong(Fragment::durationTicks).sum())
        .isBetween(6L * 48_000, 6L * 48_000 + 1024);
    DashSchema.validate(Files.readString(job.output().resolve("manifest.mpd")));
  }

  @Test
  void rotatedSource_isEncodedUpright() {
    MediaSpec rotated =
        MediaSpec.h264Aac(640, 360, Rational.of(25), 4)
            .withVideo(
                new MediaSpec.Video("h264", 640, 360, Rational.of(25), 50, 2, false, 90, false));

    PipelineHarness.JobResult job = run(rotated);

    assertThat(size(job.output(), "360p")).isEqualTo("360x640");
    assertThat(size(job.output(), "240p")).isEqualTo("240x426");
  }

  @Test
  void interlacedSource_isDeinterlacedToProgressiveFrames() {
    MediaSpec interlaced =
        MediaSpec.h264Aac(720, 576, Rational.of(25), 4)
            .withVideo(
                new MediaSpec.Video("h264", 720, 576, Rational.of(25), 50, 0, true, 0, false));

    PipelineHarness.JobResult job = run(interlaced);

    Path whole =
        PackageFiles.concatenate(job.output(), "360p", folder.resolve("interlaced-360p.mp4"));
    String probe =
        TestMedia.probe(
            List.of(
                "-v",
                "error",
                "-select_streams",
                "v",
                "-show_entries",
                "stream=width,height,field_order",
                "-of",
                "default=nw=1",
                whole.toString()));
    assertThat(probe)
        .contains("width=450", "height=360")
        .doesNotContain("field_order=tt", "field_order=bb");
    assertThat(
            PackageFiles.rendition(job.output(), "360p").segments().stream()
                .mapToInt(f -> f.samples().size())
                .sum())
        .isEqualTo(100);
  }

  @Test
  void source25fps_keeps25fpsOnA90kHzClock() {
    PipelineHarness.JobResult job = run(MediaSpec.h264Aac(640, 360, Rational.of(25), 4));

    RenditionFiles files = PackageFiles.rendition(job.output(), "360p");
    assertThat(files.track().timescale()).isEqualTo(90_000);
    assertThat(files.segments().get(0).samples().get(0).durationTicks()).isEqualTo(3600);
  }

  @Test
  void source50fps_isHalvedToTheLaddersMaximumOf30() {
    PipelineHarness.JobResult job = run(MediaSpec.h264Aac(640, 360, Rational.of(50), 4));

    RenditionFiles files = PackageFiles.rendition(job.output(), "360p");
    assertThat(files.segments().stream().mapToInt(f -> f.samples().size()).sum()).isEqualTo(100);
    assertThat(files.segments().get(0).samples().get(0).durationTicks()).isEqualTo(3600);
  }

  @Test
  void openGopSource_keepsEveryFrameAcrossTheCuts() {
    // 2 s at 25 fps, an open-GOP I-frame every 12 frames: leading B-frames at each cut.
    PipelineHarness.JobResult job =
        pipeline.run(BadMedia.openGop(), SMALL, Rational.of(1), TIMEOUT);
    assertThat(job.completed()).as(job.events().toString()).isTrue();

    RenditionFiles files = PackageFiles.rendition(job.output(), "240p");
    assertThat(files.segments()).hasSizeGreaterThan(1);
    assertThat(files.segments())
        .allSatisfy(f -> assertThat(PackageFiles.nalTypes(f.samples().get(0).data())).contains(5));
    assertThat(files.segments().stream().mapToInt(f -> f.samples().size()).sum()).isEqualTo(50);
    assertNoRepeatedFrames(
        PackageFiles.concatenate(job.output(), "240p", folder.resolve("open-gop.mp4")));
  }

  @Test
  void variableFrameRateSource_isNormalisedToAConstant30fps() {
    PipelineHarness.JobResult job =
        pipeline.run(BadMedia.jitteryThirtyFps(), SMALL, Rational.of(1), TIMEOUT);
    assertThat(job.completed()).as(job.events().toString()).isTrue();

    RenditionFiles files = PackageFiles.rendition(job.output(), "240p");
    assertThat(files.segments().stream().mapToInt(f -> f.samples().size()).sum()).isEqualTo(60);
    assertThat(files.segments())
        .allSatisfy(
            f ->
                assertThat(f.samples())
                    .allSatisfy(s -> assertThat(s.durationTicks()).isEqualTo(3000)));
    assertNoRepeatedFrames(
        PackageFiles.concatenate(job.output(), "240p", folder.resolve("vfr.mp4")));
  }

  @Test
  void mixedRateSource_repeatsTheSlowPartsFramesOnTheConstantGrid() {
    // 1 s at 30 fps then 1 s at 15 fps: 60 output frames, the last 30 in pairs.
    PipelineHarness.JobResult job =
        pipeline.run(BadMedia.thirtyThenFifteenFps(), SMALL, Rational.of(1), TIMEOUT);
    assertThat(job.completed()).as(job.events().toString()).isTrue();

    RenditionFiles files = PackageFiles.rendition(job.output(), "240p");
    assertThat(files.segments().stream().mapToInt(f -> f.samples().size()).sum()).isEqualTo(60);
  }

  @Test
  void mpeg2InterlacedPalInTs_isDeinterlacedAtItsDisplayAspect() {
    PipelineHarness.JobResult job =
        pipeline.run(BadMedia.mpeg2InterlacedPal(), SMALL, Rational.of(1), TIMEOUT);
    assertThat(job.completed()).as(job.events().toString()).isTrue();

    // 720x576 with 16:15 pixels displays as 768x576 (4:3).
    assertThat(size(job.output(), "360p")).isEqualTo("480x360");
    assertThat(size(job.output(), "240p")).isEqualTo("320x240");
  }

  /**
   * Decodes {@code file} and checks no two consecutive frames are identical (the test picture
   * moves).
   */
  private static void assertNoRepeatedFrames(Path file) {
    String md5 =
        runFfmpeg(
            List.of("-v", "error", "-i", file.toString(), "-map", "0:v", "-f", "framemd5", "-"));
    List<String> frames =
        md5.lines()
            .filter(l -> !l.startsWith("#"))
            .map(l -> l.substring(l.lastIndexOf(',') + 1).trim())
            .toList();
    assertThat(frames).hasSizeGreaterThan(1);
    for (int i = 1; i < frames.size(); i++) {
      assertThat(frames.get(i))
          .as("frame " + i + " repeats frame " + (i - 1))
          .isNotEqualTo(frames.get(i - 1));
    }
  }

  private static String runFfmpeg(List<String> args) {
    try {
      Process process =
          dev.abr.testkit.media.BundledFfmpeg.command(
                  dev.abr.testkit.media.BundledFfmpeg.ffmpeg(), args)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out =
          new String(
              process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(process.waitFor()).isZero();
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void surroundAudio_isDownmixedToTheLaddersStereo() {
    PipelineHarness.JobResult job =
        run(
            MediaSpec.h264Aac(640, 360, Rational.of(25), 4)
                .withAudio(new MediaSpec.Audio("aac", 48_000, 6)));

    AudioFormat audio =
        (AudioFormat) PackageFiles.rendition(job.output(), "audio").track().format();
    assertThat(audio.channelCount()).isEqualTo(2);
    assertThat(audio.sampleRate()).isEqualTo(48_000);
  }

  @Test
  void source44100HzMp3Audio_isResampledTo48kHzAac() {
    PipelineHarness.JobResult job =
        run(
            MediaSpec.h264Aac(640, 360, Rational.of(25), 4)
                .withAudio(new MediaSpec.Audio("mp3", 44_100, 2))
                .withContainer("mkv"));

    RenditionFiles audio = PackageFiles.rendition(job.output(), "audio");
    assertThat(audio.track().codecs()).isEqualTo("mp4a.40.2");
    assertThat(audio.track().timescale()).isEqualTo(48_000);
  }

  @Test
  void mpegTsSource_withTwoSecondSegments_isCutAtItsKeyFrames() {
    PipelineHarness.JobResult job =
        pipeline.run(
            TestMedia.generate(MediaSpec.h264Aac(640, 360, Rational.of(25), 6).withContainer("ts")),
            SMALL,
            Rational.of(2),
            TIMEOUT);

    assertThat(job.completed()).as(job.events().toString()).isTrue();
    assertThat(PackageFiles.rendition(job.output(), "360p").segments())
        .extracting(f -> f.samples().size())
        .containsExactly(50, 50, 50);
  }
}
