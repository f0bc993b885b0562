package dev.abr.packager.presentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LiveSettingsTest {
  @Test
  void of_twoSecondSegments_hasDocumentedDefaults() {
    LiveSettings settings = LiveSettings.of(Rational.of(2), "/time");

    assertThat(settings)
        .isEqualTo(
            new LiveSettings(
                Rational.of(2),
                Rational.of(2),
                6,
                Optional.empty(),
                3,
                Rational.of(2),
                "/time",
                Rational.of(3, 2)));
    assertThat(settings.targetDurationSeconds()).isEqualTo(2);
    assertThat(settings.listedSegments()).isEqualTo(OptionalInt.of(6));
    assertThat(settings.minimumPlaylistDuration()).isEqualTo(MediaTime.of(6, 1));
  }

  @Test
  void withEveryOption_mapsEachField() {
    LiveSettings settings =
        LiveSettings.of(Rational.parse("2.002"), "https://origin.example/time")
            .withMaxSegmentDuration(Rational.of(3))
            .withWindowSegments(8)
            .withDvr(DvrWindow.of(1800));

    assertThat(settings.maxSegmentDuration()).isEqualTo(Rational.of(3));
    assertThat(settings.targetDurationSeconds()).isEqualTo(3);
    assertThat(settings.windowSegments()).isEqualTo(8);
    assertThat(settings.listedSegments()).isEqualTo(OptionalInt.of(1800));
    assertThat(settings.keepsEverySegment()).isFalse();
    assertThat(settings.segmentDurationMillis()).isEqualTo(MediaTime.of(2_002, 1_000));
  }

  @Test
  void withDvr_unbounded_keepsEverySegment() {
    LiveSettings settings = LiveSettings.of(Rational.of(2), "/time").withDvr(DvrWindow.unbounded());

    assertThat(settings.keepsEverySegment()).isTrue();
    assertThat(settings.listedSegments()).isEmpty();
  }

  @Test
  void constructor_windowShorterThanThreeTargetDurations_isRejected() {
    LiveSettings settings = LiveSettings.of(Rational.of(2), "/time");

    assertThatThrownBy(() -> settings.withWindowSegments(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lasts less than three target durations of 2 s (RFC 8216 §6.2.2)");
  }

  @Test
  void constructor_capBelowSegmentDuration_isRejected() {
    LiveSettings settings = LiveSettings.of(Rational.of(2), "/time");

    assertThatThrownBy(() -> settings.withMaxSegmentDuration(Rational.of(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be shorter than the segment duration");
  }

  @Test
  void constructor_dvrNotLongerThanLiveWindow_isRejected() {
    LiveSettings settings = LiveSettings.of(Rational.of(2), "/time");

    assertThatThrownBy(() -> settings.withDvr(DvrWindow.of(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not longer than the live window of 6");
  }
}
