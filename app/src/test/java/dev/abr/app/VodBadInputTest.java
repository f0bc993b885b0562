package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.StreamFailed;
import dev.abr.core.message.Topics;
import dev.abr.core.time.Rational;
import dev.abr.testkit.media.BadMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of the product's list through the whole pipeline: each ends with a failed-job
 * event whose one-line message names the file and the reason, the packager is told the stream
 * failed, and no manifest is published.
 */
class VodBadInputTest {
  @TempDir static Path folder;
  static PipelineHarness pipeline;

  @BeforeAll
  static void start() {
    pipeline = PipelineHarness.start(folder);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  /** Runs {@code input} and checks the common failure contract; returns the error. */
  private static JobError failsWith(Path input, ErrorCode code) {
    PipelineHarness.JobResult job =
        pipeline.run(
            input,
            LadderDocuments.builtIn(LadderDocuments.SMALL),
            Rational.of(4),
            Duration.ofMinutes(2));

    assertThat(job.last().type()).as(job.events().toString()).isEqualTo(JobEventType.FAILED);
    JobError error = job.last().error().orElseThrow();
    assertThat(error.code()).as(error.message()).isEqualTo(code);
    assertThat(error.message()).startsWith(input.getFileName() + ": ").doesNotContain("\n");
    assertThat(job.output().resolve("main.m3u8")).doesNotExist();
    assertThat(job.output().resolve("manifest.mpd")).doesNotExist();
    assertThat(pipeline.messages(Topics.PACKAGE_REQUESTED, PackageEvent.class))
        .anySatisfy(
            event ->
                assertThat(event)
                    .isInstanceOfSatisfying(
                        StreamFailed.class,
                        failed -> assertThat(failed.streamId()).isEqualTo(job.streamId())));
    return error;
  }

  @Test
  void zeroByteFile_failsAsUnreadable() throws Exception {
    Path empty = Files.createFile(folder.resolve("empty.mp4"));

    assertThat(failsWith(empty, ErrorCode.INPUT_UNREADABLE).message())
        .isEqualTo("empty.mp4: the file is empty (0 bytes)");
  }

  @Test
  void randomBytesNamedMp4_failsAsUnsupportedFormat() {
    assertThat(
            failsWith(BadMedia.randomBytesNamedMp4(), ErrorCode.INPUT_UNSUPPORTED_FORMAT).message())
        .contains("not a media file");
  }

  @Test
  void jpegNamedMov_failsNamingWhatItReallyIs() {
    assertThat(failsWith(BadMedia.jpegNamedMov(), ErrorCode.INPUT_UNSUPPORTED_FORMAT).message())
        .contains("jpeg");
  }

  @Test
  void hlsPlaylist_isRefused() {
    assertThat(
            failsWith(BadMedia.hlsPlaylistNamedMp4(false), ErrorCode.INPUT_UNSUPPORTED_FORMAT)
                .message())
        .contains("playlist inputs");
  }

  @Test
  void concatPlaylist_isRefused() {
    assertThat(failsWith(BadMedia.ffconcatPlaylist(), ErrorCode.INPUT_UNSUPPORTED_FORMAT).message())
        .contains("playlist inputs");
  }

  @Test
  void truncatedMp4WithoutItsIndex_failsAsTruncated() {
    assertThat(
            failsWith(BadMedia.truncatedMp4(BadMedia.MoovPosition.LAST), ErrorCode.INPUT_UNREADABLE)
                .message())
        .contains("truncated");
  }

  @Test
  void truncatedMp4WithItsIndexFirst_failsAsTruncatedAfterReadingIt() {
    assertThat(
            failsWith(
                    BadMedia.truncatedMp4(BadMedia.MoovPosition.FIRST), ErrorCode.INPUT_UNREADABLE)
                .message())
        .contains("truncated", "declares 4.0 s");
  }

  @Test
  void unsupportedVideoCodec_failsNamingIt() {
    assertThat(failsWith(BadMedia.ffv1Matroska(), ErrorCode.INPUT_UNSUPPORTED_CODEC).message())
        .contains("ffv1");
  }

  @Test
  void unsupportedAudioCodec_failsNamingIt() {
    assertThat(failsWith(BadMedia.adpcmWav(), ErrorCode.INPUT_UNSUPPORTED_CODEC).message())
        .contains("adpcm_ms");
  }

  @Test
  void pictureAbove4096x2304_isRefusedBeforeDecoding() {
    assertThat(failsWith(BadMedia.singleFrame(4608, 2592), ErrorCode.INPUT_OVER_LIMITS).message())
        .contains("4608x2592", "4096x2304");
  }

  @Test
  void durationAbove12Hours_isRefused() {
    assertThat(failsWith(BadMedia.thirteenHours("mkv"), ErrorCode.INPUT_OVER_LIMITS).message())
        .contains("duration");
  }

  @Test
  void moreThan8AudioChannels_isRefused() {
    assertThat(failsWith(BadMedia.pcmChannels(10, "wav"), ErrorCode.INPUT_OVER_LIMITS).message())
        .contains("10 audio channels");
  }
}
