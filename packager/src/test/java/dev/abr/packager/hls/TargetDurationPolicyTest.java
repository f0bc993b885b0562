package dev.abr.packager.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.MediaTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetDurationPolicyTest {
  @Test
  void ceilOfLongest_ntscSegments_roundsLongestUp() {
    List<MediaTime> durations =
        List.of(MediaTime.of(360_360, 90_000), MediaTime.of(180_180, 90_000));

    assertThat(TargetDurationPolicy.ceilOfLongest().targetDurationSeconds(durations)).isEqualTo(5);
  }

  @Test
  void ceilOfLongest_wholeSecondSegments_keepsThatSecond() {
    List<MediaTime> durations = List.of(MediaTime.of(4 * 48_000, 48_000));

    assertThat(TargetDurationPolicy.ceilOfLongest().targetDurationSeconds(durations)).isEqualTo(4);
  }

  @Test
  void ceilOfLongest_oneTickOverAWholeSecond_roundsUp() {
    List<MediaTime> durations = List.of(MediaTime.of(360_001, 90_000));

    assertThat(TargetDurationPolicy.ceilOfLongest().targetDurationSeconds(durations)).isEqualTo(5);
  }

  @Test
  void ceilOfLongest_mixedTimescales_comparesExactly() {
    List<MediaTime> durations =
        List.of(MediaTime.of(188 * 1024, 48_000), MediaTime.of(360_360, 90_000));

    assertThat(TargetDurationPolicy.ceilOfLongest().targetDurationSeconds(durations)).isEqualTo(5);
  }

  @Test
  void ceilOfLongest_durationPrintedAsHalfSecond_staysAtOrAboveRoundedExtinf() {
    // 4.4996 s prints as 4.500 and rounds to 5; the ceiling 5 still holds it.
    List<MediaTime> durations = List.of(MediaTime.of(44_996, 10_000));

    long target = TargetDurationPolicy.ceilOfLongest().targetDurationSeconds(durations);

    assertThat(target).isEqualTo(5);
  }

  @Test
  void fixed_anySegments_returnsTheGivenSeconds() {
    List<MediaTime> durations = List.of(MediaTime.of(1, 90_000));

    assertThat(TargetDurationPolicy.fixed(6).targetDurationSeconds(durations)).isEqualTo(6);
  }

  @Test
  void fixed_zeroSeconds_throws() {
    assertThatThrownBy(() -> TargetDurationPolicy.fixed(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
