package dev.abr.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimescalesTest {
  @ParameterizedTest(name = "{0} fps -> {1}, {2} ticks per frame")
  @CsvSource({
    "25, 90000, 3600",
    "30000/1001, 90000, 3003",
    "24000/1001, 96000, 4004",
    "60000/1001, 120000, 2002",
    "30, 90000, 3000",
    "50, 90000, 1800",
    "48, 90000, 1875",
    "24, 90000, 3750",
    "60, 90000, 1500",
    "120000/1001, 120000, 1001",
    // 23.976 is 2997/125, not 24000/1001: the smallest multiple of 2997 from 90000 is 92907.
    "23.976, 92907, 3875",
  })
  void forVideo_frameRate_givesSmallestWholeFrameTimescaleFrom90k(
      String frameRate, int timescale, long frameDurationTicks) {
    Rational rate = Rational.parse(frameRate);

    assertThat(Timescales.forVideo(rate)).isEqualTo(timescale);
    assertThat(Timescales.frameDurationTicks(rate, timescale)).isEqualTo(frameDurationTicks);
  }

  @Test
  void forVideo_numeratorBeyondInt_isRejected() {
    assertThatThrownBy(() -> Timescales.forVideo(Rational.of(3_000_000_000L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame rate 3000000000 needs too large a timescale");
  }

  @Test
  void forAudio_sampleRate_isTheSampleRate() {
    assertThat(Timescales.forAudio(44_100)).isEqualTo(44_100);
  }

  @Test
  void forAudio_zero_isRejected() {
    assertThatThrownBy(() -> Timescales.forAudio(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample rate must be positive: 0");
  }

  @Test
  void frameDurationTicks_timescaleWithFractionalFrames_throws() {
    // 1001/30000 s at 48 kHz is 1601.6 ticks.
    assertThatThrownBy(() -> Timescales.frameDurationTicks(Rational.of(30_000, 1001), 48_000))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void segmentIndex_lastTickOfFirstSegment_isZero() {
    assertThat(Timescales.segmentIndex(359_999, 90_000, Rational.of(4))).isZero();
  }

  @Test
  void segmentIndex_firstTickOfSecondSegment_isOne() {
    assertThat(Timescales.segmentIndex(360_000, 90_000, Rational.of(4))).isEqualTo(1);
  }

  @Test
  void segmentIndex_fractionalSegmentDuration_cutsOnTheRationalGrid() {
    // 2.002 s segments: segment 1 starts at 180180/90000.
    Rational duration = Rational.parse("2.002");

    assertThat(Timescales.segmentIndex(180_179, 90_000, duration)).isZero();
    assertThat(Timescales.segmentIndex(180_180, 90_000, duration)).isEqualTo(1);
  }

  @Test
  void segmentIndex_negativeTime_floorsToMinusOne() {
    assertThat(Timescales.segmentIndex(-1, 90_000, Rational.of(4))).isEqualTo(-1);
  }
}
