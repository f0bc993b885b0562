package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaSourceTest {
  @TempDir Path temp;

  private static final MediaSpec SMALL = MediaSpec.h264Aac(640, 360, Rational.of(30), 4);

  @Test
  void openFile_h264AacMp4_probesStreams() {
    try (MediaSource source =
        MediaSource.openFile(TestMedia.generate(SMALL), ProbeLimits.DEFAULT)) {
      var info = source.info();
      assertThat(info.container()).contains("mp4");
      assertThat(info.video())
          .hasValueSatisfying(
              v -> {
                assertThat(v.codec()).isEqualTo("h264");
                assertThat(v.width()).isEqualTo(640);
                assertThat(v.height()).isEqualTo(360);
                assertThat(v.frameRate()).isEqualTo(Rational.of(30));
                assertThat(v.interlaced()).isFalse();
                assertThat(v.rotationDegrees()).isZero();
              });
      assertThat(info.audio())
          .hasValueSatisfying(
              a -> {
                assertThat(a.codec()).isEqualTo("aac");
                assertThat(a.sampleRate()).isEqualTo(48_000);
                assertThat(a.channels()).isEqualTo(2);
              });
      assertThat(info.duration().ticks()).isBetween(4L * 90_000 - 3000, 4L * 90_000 + 3000);
    }
  }

  @Test
  void next_readsEveryVideoFrameWithKeyFramesEveryGop() {
    int videoPackets = 0;
    int keyFrames = 0;
    try (MediaSource source =
        MediaSource.openFile(TestMedia.generate(SMALL), ProbeLimits.DEFAULT)) {
      Optional<SourcePacket> next;
      while ((next = source.next()).isPresent()) {
        try (SourcePacket packet = next.get()) {
          if (packet.kind() == TrackKind.VIDEO) {
            videoPackets++;
            keyFrames += packet.keyFrame() ? 1 : 0;
          }
        }
      }
    }
    assertThat(videoPackets).isEqualTo(120);
    assertThat(keyFrames).isEqualTo(2);
  }

  @Test
  void openFile_rotatedSource_reportsClockwiseRotation() {
    MediaSpec rotated =
        SMALL.withVideo(
            new MediaSpec.Video("h264", 640, 360, Rational.of(30), 60, 0, false, 90, false));
    try (MediaSource source =
        MediaSource.openFile(TestMedia.generate(rotated), ProbeLimits.DEFAULT)) {
      assertThat(source.info().video().orElseThrow().rotationDegrees()).isEqualTo(270);
      assertThat(source.info().video().orElseThrow().displayWidth()).isEqualTo(360);
    }
  }

  @Test
  void openFile_interlacedSource_isDetected() {
    MediaSpec interlaced =
        SMALL.withVideo(
            new MediaSpec.Video("h264", 720, 576, Rational.of(25), 50, 0, true, 0, false));
    try (MediaSource source =
        MediaSource.openFile(TestMedia.generate(interlaced), ProbeLimits.DEFAULT)) {
      assertThat(source.info().video().orElseThrow().interlaced()).isTrue();
    }
  }

  @Test
  void openFile_emptyFile_failsAsUnreadable() throws Exception {
    Path empty = Files.createFile(temp.resolve("empty.mp4"));

    assertThatThrownBy(() -> MediaSource.openFile(empty, ProbeLimits.DEFAULT))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE))
        .hasMessage("empty.mp4: the file is empty (0 bytes)");
  }

  @Test
  void openFile_textFile_failsAsUnsupportedFormat() throws Exception {
    Path text =
        Files.writeString(
            temp.resolve("notes.mp4"),
            "these are not the frames you are looking for\n".repeat(100));

    assertThatThrownBy(() -> MediaSource.openFile(text, ProbeLimits.DEFAULT))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT))
        .hasMessageStartingWith("notes.mp4: not a media file");
  }

  @Test
  void openFile_hlsPlaylist_isRefused() throws Exception {
    Path playlist =
        Files.writeString(
            temp.resolve("list.m3u8"),
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/passwd\n",
            StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MediaSource.openFile(playlist, ProbeLimits.DEFAULT))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT))
        .hasMessageContaining("playlist inputs");
  }

  @Test
  void openFile_missingFile_failsNamingIt() {
    assertThatThrownBy(() -> MediaSource.openFile(temp.resolve("nope.mp4"), ProbeLimits.DEFAULT))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE))
        .hasMessageStartingWith("nope.mp4: no such file");
  }

  @Test
  void openFile_pictureOverLimits_isRefusedBeforeDecoding() {
    ProbeLimits small = new ProbeLimits(320, 240, ProbeLimits.DEFAULT.maxDuration(), 8, 32);

    assertThatThrownBy(() -> MediaSource.openFile(TestMedia.generate(SMALL), small))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_OVER_LIMITS))
        .hasMessageContaining("640x360 is over the limit of 320x240");
  }

  @Test
  void openFile_durationOverLimits_isRefused() {
    ProbeLimits short1s = new ProbeLimits(4096, 2304, MediaTime.of(90_000, 90_000), 8, 32);

    assertThatThrownBy(() -> MediaSource.openFile(TestMedia.generate(SMALL), short1s))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_OVER_LIMITS))
        .hasMessageContaining("duration");
  }

  @Test
  void openFile_tooManyAudioChannels_isRefused() {
    MediaSpec surround = SMALL.withAudio(new MediaSpec.Audio("aac", 48_000, 6));
    ProbeLimits stereoOnly = new ProbeLimits(4096, 2304, ProbeLimits.DEFAULT.maxDuration(), 2, 32);

    assertThatThrownBy(() -> MediaSource.openFile(TestMedia.generate(surround), stereoOnly))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_OVER_LIMITS))
        .hasMessageContaining("6 audio channels");
  }
}
