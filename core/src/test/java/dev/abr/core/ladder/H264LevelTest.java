package dev.abr.core.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.Rational;
import org.junit.jupiter.api.Test;

class H264LevelTest {
  private static final Rational FPS_30 = Rational.of(30);

  @Test
  void pick_1080p30High5350kbit_isLevel40() {
    // 8160 macroblocks per frame (120 x 68), 244 800 per second: just inside level 4.0.
    assertThat(
            H264Level.pick(H264Profile.HIGH, 1920, 1080, FPS_30, 5_350_000, 7_500_000).toString())
        .isEqualTo("4.0");
  }

  @Test
  void pick_1080p60High_isLevel42() {
    assertThat(
            H264Level.pick(H264Profile.HIGH, 1920, 1080, Rational.of(60), 5_350_000, 7_500_000)
                .levelIdc())
        .isEqualTo(42);
  }

  @Test
  void pick_1080pNtscHigh_isLevel40() {
    assertThat(
            H264Level.pick(
                    H264Profile.HIGH,
                    1920,
                    1080,
                    Rational.parse("30000/1001"),
                    5_350_000,
                    7_500_000)
                .levelIdc())
        .isEqualTo(40);
  }

  @Test
  void pick_720p30High_isLevel31() {
    assertThat(H264Level.pick(H264Profile.HIGH, 1280, 720, FPS_30, 3_210_000, 4_500_000).toString())
        .isEqualTo("3.1");
  }

  @Test
  void pick_854x480p30Main_isLevel31() {
    // 54 x 30 = 1620 macroblocks fits level 3.0's frame size, but 48 600 per second does not.
    assertThat(H264Level.pick(H264Profile.MAIN, 854, 480, FPS_30, 1_284_000, 1_800_000).toString())
        .isEqualTo("3.1");
  }

  @Test
  void pick_640x360p30Main_isLevel30() {
    assertThat(H264Level.pick(H264Profile.MAIN, 640, 360, FPS_30, 749_000, 1_050_000).toString())
        .isEqualTo("3.0");
  }

  @Test
  void pick_bitrateAboveLevel40ForMain_goesToLevel41() {
    // Level 4.0 allows 20 Mbit/s for Main (25 Mbit/s for High).
    assertThat(
            H264Level.pick(H264Profile.MAIN, 1920, 1080, FPS_30, 22_000_000, 22_000_000).levelIdc())
        .isEqualTo(41);
  }

  @Test
  void pick_frameLargerThanAnyLevel_isRejected() {
    assertThatThrownBy(
            () -> H264Level.pick(H264Profile.HIGH, 16_384, 16_384, FPS_30, 5_000_000, 7_500_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no H.264 level holds 16384x16384 at 30 fps and 5000000 bit/s");
  }

  @Test
  void pick_bitrateAboveEveryLevel_isRejected() {
    assertThatThrownBy(
            () ->
                H264Level.pick(
                    H264Profile.HIGH, 1920, 1080, FPS_30, 2_000_000_000L, 2_000_000_000L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no H.264 level holds 1920x1080 at 30 fps and 2000000000 bit/s");
  }

  @Test
  void toString_levelIdc_isX264Form() {
    assertThat(new H264Level(31)).hasToString("3.1");
  }
}
