package dev.abr.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.ladder.AudioSettings;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.VideoLadder;
import dev.abr.core.ladder.VideoRung;
import dev.abr.core.source.SourceAudio;
import dev.abr.core.source.SourceVideo;
import dev.abr.core.time.Rational;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LadderPlannerTest {
  private static final Ladder LADDER =
      new Ladder(
          "default",
          Rational.of(2),
          Rational.of(60),
          new VideoLadder(
              "h264",
              "veryfast",
              List.of(
                  new VideoRung("1080p", 1080, 5_000_000, 5_350_000, 7_500_000, "high"),
                  new VideoRung("720p", 720, 3_000_000, 3_210_000, 4_500_000, "high"),
                  new VideoRung("480p", 480, 1_200_000, 1_284_000, 1_800_000, "main"),
                  new VideoRung("360p", 360, 700_000, 749_000, 1_050_000, "main"))),
          Optional.of(new AudioSettings("aac", 128_000, 2, 48_000)));

  private static SourceVideo video(int width, int height, Rational frameRate) {
    return new SourceVideo("h264", width, height, Rational.of(1), 0, frameRate, false);
  }

  private static List<String> sizes(VideoPlan plan) {
    return plan.renditions().stream()
        .map(r -> r.name() + "=" + r.width() + "x" + r.height())
        .toList();
  }

  @Test
  void planVideo_1080pSource_keepsAllFourRungs() {
    VideoPlan plan = LadderPlanner.planVideo(video(1920, 1080, Rational.of(30)), LADDER);

    assertThat(sizes(plan))
        .containsExactly("1080p=1920x1080", "720p=1280x720", "480p=854x480", "360p=640x360");
  }

  @Test
  void planVideo_1080p30_picksLevelsProfilesAndGop() {
    VideoPlan plan = LadderPlanner.planVideo(video(1920, 1080, Rational.of(30)), LADDER);

    assertThat(plan.renditions())
        .extracting(r -> r.profile() + "@" + r.level())
        .containsExactly("high@4.0", "high@3.1", "main@3.1", "main@3.0");
    assertThat(plan.gopFrames()).isEqualTo(60);
    assertThat(plan.timescale()).isEqualTo(90_000);
  }

  @Test
  void planVideo_720pSource_dropsRungsAboveIt() {
    VideoPlan plan = LadderPlanner.planVideo(video(1280, 720, Rational.of(25)), LADDER);

    assertThat(sizes(plan)).containsExactly("720p=1280x720", "480p=854x480", "360p=640x360");
  }

  @Test
  void planVideo_portraitSource_keepsOrientation() {
    VideoPlan plan = LadderPlanner.planVideo(video(1080, 1920, Rational.of(30)), LADDER);

    assertThat(sizes(plan)).first().isEqualTo("1080p=1080x1920");
  }

  @Test
  void planVideo_rotatedSource_usesDisplayOrientation() {
    SourceVideo rotated =
        new SourceVideo("h264", 1920, 1080, Rational.of(1), 90, Rational.of(30), false);

    VideoPlan plan = LadderPlanner.planVideo(rotated, LADDER);

    assertThat(sizes(plan)).first().isEqualTo("1080p=1080x1920");
    assertThat(plan.rotationDegrees()).isEqualTo(90);
  }

  @Test
  void planVideo_anamorphicSource_outputsSquarePixelsAtDisplayAspect() {
    // 720x576 PAL with 64:45 pixels displays as 1024x576 (16:9).
    SourceVideo pal =
        new SourceVideo("mpeg2video", 720, 576, Rational.of(64, 45), 0, Rational.of(25), true);

    VideoPlan plan = LadderPlanner.planVideo(pal, LADDER);

    assertThat(sizes(plan)).containsExactly("480p=854x480", "360p=640x360");
    assertThat(plan.deinterlace()).isTrue();
  }

  @Test
  void planVideo_sourceSmallerThanEveryRung_encodesAtSourceSizeRoundedToEven() {
    VideoPlan plan = LadderPlanner.planVideo(video(321, 181, Rational.of(30)), LADDER);

    assertThat(sizes(plan)).containsExactly("360p=320x180");
  }

  @Test
  void planVideo_4by3Source_keepsAspect() {
    VideoPlan plan = LadderPlanner.planVideo(video(1440, 1080, Rational.of(30)), LADDER);

    assertThat(sizes(plan)).first().isEqualTo("1080p=1440x1080");
  }

  @Test
  void planVideo_ntscRate_keepsExactRationalAndTimescale() {
    VideoPlan plan = LadderPlanner.planVideo(video(1280, 720, Rational.of(30000, 1001)), LADDER);

    assertThat(plan.frameRate()).isEqualTo(Rational.of(30000, 1001));
    assertThat(plan.timescale()).isEqualTo(90_000);
    assertThat(plan.gopFrames()).isEqualTo(60);
  }

  @Test
  void outputFrameRate_aboveMax_dividedByWholeFactor() {
    assertThat(LadderPlanner.outputFrameRate(Rational.of(120), Rational.of(60)))
        .isEqualTo(Rational.of(60));
    assertThat(LadderPlanner.outputFrameRate(Rational.of(100), Rational.of(60)))
        .isEqualTo(Rational.of(50));
    assertThat(LadderPlanner.outputFrameRate(Rational.of(60000, 1001), Rational.of(60)))
        .isEqualTo(Rational.of(60000, 1001));
    assertThat(LadderPlanner.outputFrameRate(Rational.of(60000, 1001), Rational.of(30)))
        .isEqualTo(Rational.of(30000, 1001));
  }

  @Test
  void planAudio_sourceWithAudio_usesLadderSettings() {
    Optional<AudioPlan> plan =
        LadderPlanner.planAudio(Optional.of(new SourceAudio("ac3", 44_100, 6)), LADDER);

    assertThat(plan).contains(new AudioPlan("audio", "aac", 48_000, 2, 128_000));
  }

  @Test
  void planAudio_sourceWithoutAudio_isEmpty() {
    assertThat(LadderPlanner.planAudio(Optional.empty(), LADDER)).isEmpty();
  }
}
