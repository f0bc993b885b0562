package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TimestampUnrollerTest {
  private static final long WRAP_33 = 1L << 33;
  private static final long FRAME = 3600;
  private static final long TEN_SECONDS = 900_000;

  private static final OptionalLong NONE = OptionalLong.empty();

  @Test
  void next_dtsWrapsOnce_continuesByOneFrame() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    long start = WRAP_33 - 2 * FRAME;

    List<Long> dts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long raw = (start + i * FRAME) % WRAP_33;
      TimestampUnroller.Unrolled unrolled = unroller.next(raw, raw, NONE);
      assertThat(unrolled.discontinuity()).isFalse();
      dts.add(unrolled.dts());
    }

    assertThat(dts)
        .containsExactly(
            start, start + FRAME, start + 2 * FRAME, start + 3 * FRAME, start + 4 * FRAME);
  }

  @Test
  void next_threeWraps_staysContinuous() {
    long hour = 3600L * 90_000;
    TimestampUnroller unroller = new TimestampUnroller(33, 2 * hour);
    long start = WRAP_33 - hour / 2;
    long previous = Long.MIN_VALUE;
    int wraps = 0;

    for (int i = 0; i <= 70; i++) {
      long expected = start + i * hour;
      long raw = expected % WRAP_33;
      TimestampUnroller.Unrolled unrolled = unroller.next(raw, raw, NONE);
      assertThat(unrolled.dts()).isEqualTo(expected);
      assertThat(unrolled.discontinuity()).isFalse();
      if (previous != Long.MIN_VALUE && raw < previous % WRAP_33) {
        wraps++;
      }
      previous = expected;
    }

    assertThat(wraps).isEqualTo(3);
  }

  @Test
  void next_dtsWrapsBeforePts_keepsCompositionOffset() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    unroller.next(WRAP_33 - 2 * FRAME, WRAP_33 - FRAME, NONE);

    // DTS has wrapped to 0 while this B-frame's PTS, two frames earlier, has not.
    TimestampUnroller.Unrolled unrolled = unroller.next(0, WRAP_33 - FRAME, NONE);

    assertThat(unrolled.dts()).isEqualTo(WRAP_33);
    assertThat(unrolled.pts()).isEqualTo(WRAP_33 - FRAME);
  }

  @Test
  void next_ptsWrapsBeforeDts_keepsCompositionOffset() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    unroller.next(WRAP_33 - 3 * FRAME, WRAP_33 - 3 * FRAME, NONE);

    TimestampUnroller.Unrolled unrolled = unroller.next(WRAP_33 - 2 * FRAME, FRAME, NONE);

    assertThat(unrolled.dts()).isEqualTo(WRAP_33 - 2 * FRAME);
    assertThat(unrolled.pts()).isEqualTo(WRAP_33 + FRAME);
  }

  @Test
  void next_valuesAlreadyCorrectedByLibavformat_giveTheSameTimeline() {
    // libavformat subtracts 2^33 before the wrap when a stream starts near it: -2 frames, -1, 0.
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);

    long first = unroller.next(-2 * FRAME, -2 * FRAME, NONE).dts();
    long second = unroller.next(-FRAME, -FRAME, NONE).dts();
    long third = unroller.next(0, 0, NONE).dts();

    assertThat(List.of(first, second, third))
        .containsExactly(WRAP_33 - 2 * FRAME, WRAP_33 - FRAME, WRAP_33);
  }

  @Test
  void next_firstPacketNearAnotherStream_joinsItsEpoch() {
    TimestampUnroller audio = new TimestampUnroller(33, TEN_SECONDS);

    // Video is already past the wrap (unrolled 2^33 + 1 frame); audio starts just before it.
    TimestampUnroller.Unrolled unrolled =
        audio.next(WRAP_33 - 100, WRAP_33 - 100, OptionalLong.of(WRAP_33 + FRAME));

    assertThat(unrolled.dts()).isEqualTo(WRAP_33 - 100);
  }

  @Test
  void next_firstPacketAfterWrapNearAnotherStream_joinsItsEpoch() {
    TimestampUnroller audio = new TimestampUnroller(33, TEN_SECONDS);

    TimestampUnroller.Unrolled unrolled = audio.next(100, 100, OptionalLong.of(WRAP_33 - FRAME));

    assertThat(unrolled.dts()).isEqualTo(WRAP_33 + 100);
  }

  @Test
  void next_backwardJump_isDiscontinuityWithTheNewTimestamps() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    long hour = 3600L * 90_000;
    unroller.next(2 * hour, 2 * hour, NONE);

    TimestampUnroller.Unrolled unrolled = unroller.next(hour, hour + FRAME, NONE);

    assertThat(unrolled).isEqualTo(new TimestampUnroller.Unrolled(hour, hour + FRAME, true));
  }

  @Test
  void next_forwardJumpOverMaxStep_isDiscontinuity() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    unroller.next(FRAME, FRAME, NONE);

    TimestampUnroller.Unrolled unrolled =
        unroller.next(FRAME + TEN_SECONDS + 1, FRAME + TEN_SECONDS + 1, NONE);

    assertThat(unrolled.discontinuity()).isTrue();
    assertThat(unrolled.dts()).isEqualTo(FRAME + TEN_SECONDS + 1);
  }

  @Test
  void next_forwardJumpOfMaxStep_isNotDiscontinuity() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    unroller.next(FRAME, FRAME, NONE);

    assertThat(unroller.next(FRAME + TEN_SECONDS, FRAME + TEN_SECONDS, NONE).discontinuity())
        .isFalse();
  }

  @Test
  void next_afterDiscontinuity_continuesFromTheNewTimeline() {
    TimestampUnroller unroller = new TimestampUnroller(33, TEN_SECONDS);
    unroller.next(5 * TEN_SECONDS, 5 * TEN_SECONDS, NONE);
    unroller.next(0, 0, NONE);

    TimestampUnroller.Unrolled unrolled = unroller.next(FRAME, FRAME, NONE);

    assertThat(unrolled).isEqualTo(new TimestampUnroller.Unrolled(FRAME, FRAME, false));
  }

  @Test
  void next_equalDecodeTimes_isNotDiscontinuity() {
    TimestampUnroller unroller = new TimestampUnroller(32, 10_000);
    unroller.next(1000, 1000, NONE);

    assertThat(unroller.next(1000, 1040, NONE).discontinuity()).isFalse();
  }

  @Test
  void next_flvMillisecondsPast2To32_continue() {
    long wrap32 = 1L << 32;
    TimestampUnroller unroller = new TimestampUnroller(32, 10_000);
    unroller.next(wrap32 - 40, wrap32 - 40, NONE);

    TimestampUnroller.Unrolled unrolled = unroller.next(0, 40, NONE);

    assertThat(unrolled).isEqualTo(new TimestampUnroller.Unrolled(wrap32, wrap32 + 40, false));
  }

  @Test
  void constructor_wrapBitsOutOfRange_isRefused() {
    assertThatThrownBy(() -> new TimestampUnroller(63, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrap bits");
  }
}
