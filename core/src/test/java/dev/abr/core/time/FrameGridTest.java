package dev.abr.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameGridTest {
  private static final FrameGrid NTSC = FrameGrid.of(Rational.parse("30000/1001"));

  @Test
  void of_ntsc_uses90kHzAnd3003TicksPerFrame() {
    assertThat(NTSC.timescale()).isEqualTo(90_000);
    assertThat(NTSC.frameDurationTicks()).isEqualTo(3003);
  }

  @Test
  void nearestIndex_exactFrameTime_returnsThatFrame() {
    assertThat(NTSC.nearestIndex(MediaTime.of(3_003_000, 90_000))).isEqualTo(1000);
  }

  @Test
  void nearestIndex_sourceTimeOneTickEarly_returnsThatFrame() {
    assertThat(NTSC.nearestIndex(MediaTime.of(3_002_999, 90_000))).isEqualTo(1000);
  }

  @Test
  void nearestIndex_justBeforeHalfFrame_roundsDown() {
    // Half an NTSC frame is 1501.5 ticks at 90 kHz.
    assertThat(NTSC.nearestIndex(MediaTime.of(1501, 90_000))).isZero();
  }

  @Test
  void nearestIndex_justAfterHalfFrame_roundsUp() {
    assertThat(NTSC.nearestIndex(MediaTime.of(1502, 90_000))).isEqualTo(1);
  }

  @Test
  void nearestIndex_exactlyHalfFrame_goesToLaterFrame() {
    // At 180 kHz a frame is 6006 ticks, so 3003 is exactly half way.
    assertThat(NTSC.nearestIndex(MediaTime.of(3003, 180_000))).isEqualTo(1);
  }

  @Test
  void nearestIndex_exactlyHalfFrameBeforeZero_goesToLaterFrame() {
    assertThat(NTSC.nearestIndex(MediaTime.of(-3003, 180_000))).isZero();
  }

  @Test
  void nearestIndex_justOverHalfFrameBeforeZero_returnsMinusOne() {
    assertThat(NTSC.nearestIndex(MediaTime.of(-3004, 180_000))).isEqualTo(-1);
  }

  @Test
  void nearestIndex_ntscSourceOn25fpsGrid_picksNearestOutputFrame() {
    FrameGrid pal = FrameGrid.of(Rational.of(25));

    // NTSC frame 30 is at 1.001 s = 25.025 PAL frames; frame 31 at 1.034 s = 25.859.
    assertThat(pal.nearestIndex(MediaTime.of(30 * 3003, 90_000))).isEqualTo(25);
    assertThat(pal.nearestIndex(MediaTime.of(31 * 3003, 90_000))).isEqualTo(26);
  }

  @Test
  void timeOf_index_isIndexTimesFrameDuration() {
    assertThat(NTSC.timeOf(1000)).isEqualTo(MediaTime.of(3_003_000, 90_000));
  }

  @Test
  void nearestIndex_timeOfIndex_returnsIndex() {
    assertThat(NTSC.nearestIndex(NTSC.timeOf(-7))).isEqualTo(-7);
  }

  @Test
  void constructor_timescaleWithFractionalFrames_isRejected() {
    assertThatThrownBy(() -> new FrameGrid(Rational.parse("30000/1001"), 48_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "frames at 30000/1001 fps do not last a whole number of ticks at timescale 48000"
                + " (use Timescales.forVideo)");
  }

  @Test
  void constructor_zeroTimescale_isRejected() {
    assertThatThrownBy(() -> new FrameGrid(Rational.of(25), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timescale must be positive: 0");
  }
}
