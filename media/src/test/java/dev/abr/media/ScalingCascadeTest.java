package dev.abr.media;

import static dev.abr.media.ScalingCascade.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.plan.VideoRendition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingCascadeTest {
  private static final VideoRendition R1080 = rung("1080p", 1920, 1080);
  private static final VideoRendition R720 = rung("720p", 1280, 720);
  private static final VideoRendition R480 = rung("480p", 854, 480);
  private static final VideoRendition R360 = rung("360p", 640, 360);

  @Test
  void parents_defaultLadderOn1080p_scales480pAnd360pFromThe720pPicture() {
    assertThat(ScalingCascade.parents(List.of(R1080, R720, R480, R360), 1920, 1080))
        .containsExactly(SOURCE, SOURCE, 1, 1);
  }

  @Test
  void parents_defaultLadderOn2160p_scalesFromThe1080pPictureOnly() {
    // 720p is itself scaled from 1080p, so nothing is scaled from it (two scalers at most).
    assertThat(ScalingCascade.parents(List.of(R1080, R720, R480, R360), 3840, 2160))
        .containsExactly(SOURCE, 0, 0, 0);
  }

  @Test
  void parents_renditionsSmallestFirst_giveTheSameCascade() {
    assertThat(ScalingCascade.parents(List.of(R360, R480, R720, R1080), 1920, 1080))
        .containsExactly(2, 2, SOURCE, SOURCE);
  }

  @Test
  void parents_pictureLessThanOneAndAHalfTimesLarger_isNotUsed() {
    assertThat(ScalingCascade.parents(List.of(R480, R360), 1920, 1080))
        .containsExactly(SOURCE, SOURCE);
  }

  @Test
  void parents_renditionOfTheSourceSize_isNotUsed() {
    assertThat(ScalingCascade.parents(List.of(R720, R360), 1280, 720))
        .containsExactly(SOURCE, SOURCE);
  }

  @Test
  void parents_pictureLargeEnoughInOneDimensionOnly_isNotUsed() {
    VideoRendition portrait = rung("portrait", 400, 600);
    assertThat(ScalingCascade.parents(List.of(R720, portrait), 1920, 1080))
        .containsExactly(SOURCE, SOURCE);
  }

  @Test
  void parents_twoRenditionsOfOneSize_bothServeTheSmallerOnesFromTheFirst() {
    VideoRendition r720low = rung("720p-low", 1280, 720);
    assertThat(ScalingCascade.parents(List.of(R720, r720low, R360), 1920, 1080))
        .containsExactly(SOURCE, SOURCE, 0);
  }

  @Test
  void parents_sourceSizeNotPositive_isRejected() {
    assertThatThrownBy(() -> ScalingCascade.parents(List.of(R360), 0, 1080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x1080");
  }

  private static VideoRendition rung(String name, int width, int height) {
    return new VideoRendition(
        name, "h264", width, height, 1_000_000, 1_070_000, 1_500_000, "main", "4.0", "veryfast");
  }
}
