package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.time.Rational;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderThreadsTest {
  private static final VideoPlan DEFAULT_LADDER =
      new VideoPlan(
          Rational.of(30),
          15_360,
          120,
          false,
          0,
          List.of(
              rung("1080p", 1920, 1080),
              rung("720p", 1280, 720),
              rung("480p", 854, 480),
              rung("360p", 640, 360)));

  private static final VideoPlan SINGLE_RUNG =
      new VideoPlan(Rational.of(30), 15_360, 120, false, 0, List.of(rung("720p", 1280, 720)));

  @Test
  void shareOf_twoCores_givesTheDefaultLadder2111() {
    assertThat(threads(EncoderThreads.shareOf(2))).containsExactly(2, 1, 1, 1);
  }

  @Test
  void shareOf_eightCores_givesTheDefaultLadder7311() {
    assertThat(threads(EncoderThreads.shareOf(8))).containsExactly(7, 3, 1, 1);
  }

  @Test
  void shareOf_oneRung_getsOneAndAHalfThreadsPerCore() {
    assertThat(EncoderThreads.shareOf(4).threadsFor(SINGLE_RUNG, SINGLE_RUNG.renditions().get(0)))
        .isEqualTo(6);
  }

  @Test
  void x264Default_leavesEveryEncoderToChoose() {
    assertThat(threads(EncoderThreads.x264Default())).containsExactly(0, 0, 0, 0);
  }

  @Test
  void parse_eachSetting_givesItsPolicy() {
    assertThat(EncoderThreads.parse(" AUTO ", 2)).isEqualTo(EncoderThreads.shareOf(2));
    assertThat(EncoderThreads.parse("x264", 2)).isEqualTo(EncoderThreads.x264Default());
    assertThat(EncoderThreads.parse("1", 2)).isEqualTo(EncoderThreads.fixed(1));
  }

  @Test
  void parse_somethingElse_namesTheValueAndTheAcceptedOnes() {
    assertThatThrownBy(() -> EncoderThreads.parse("0", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0'")
        .hasMessageContaining("auto")
        .hasMessageContaining("x264")
        .hasMessageContaining("1 to 64");
  }

  @Test
  void niceFor_twoCores_lowersAllButTheOneThread720pByTheirWorkPerThread() {
    // 2/1/1/1 threads: 1080p has 2 frame threads and a lookahead thread, 720p does it all on one.
    assertThat(nices(EncoderThreads.shareOf(2))).containsExactly(1, 0, 3, 4);
  }

  @Test
  void niceFor_oneThreadEach_followsThePixels() {
    assertThat(nices(EncoderThreads.fixed(1))).containsExactly(0, 3, 4, 4);
  }

  @Test
  void niceFor_oneRung_isZero() {
    assertThat(EncoderThreads.shareOf(2).niceFor(SINGLE_RUNG, SINGLE_RUNG.renditions().get(0)))
        .isZero();
  }

  private static List<Integer> nices(EncoderThreads policy) {
    return DEFAULT_LADDER.renditions().stream()
        .map(r -> policy.niceFor(DEFAULT_LADDER, r))
        .toList();
  }

  private static List<Integer> threads(EncoderThreads policy) {
    return DEFAULT_LADDER.renditions().stream()
        .map(r -> policy.threadsFor(DEFAULT_LADDER, r))
        .toList();
  }

  private static VideoRendition rung(String name, int width, int height) {
    return new VideoRendition(
        name, "h264", width, height, 1_000_000, 1_070_000, 1_500_000, "high", "4.0", "veryfast");
  }
}
