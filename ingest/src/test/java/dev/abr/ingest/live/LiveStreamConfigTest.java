package dev.abr.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.time.Rational;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveStreamConfigTest {
  private static LiveStreamConfig window(int segments, Rational segmentDuration) {
    return new LiveStreamConfig(
        "studio",
        "Studio",
        LadderDocuments.builtIn(LadderDocuments.SMALL),
        segmentDuration,
        segments,
        Optional.empty(),
        0,
        Optional.empty(),
        Instant.EPOCH);
  }

  @Test
  void minimumWindow_twoSecondSegments_isFive() {
    // Segments up to 3 s: target duration 3, three of them are 9 s, five segments of 2 s.
    assertThat(LiveStreamConfig.minimumWindowSegments(Rational.of(2))).isEqualTo(5);
  }

  @Test
  void minimumWindow_sixSecondSegments_isFive() {
    assertThat(LiveStreamConfig.minimumWindowSegments(Rational.of(6))).isEqualTo(5);
  }

  @Test
  void windowShorterThanThreeTargetDurations_isRejectedNamingTheMinimum() {
    assertThatThrownBy(() -> window(4, Rational.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use at least 5 segments");
  }

  @Test
  void dvrShorterThanTheWindow_isRejected() {
    assertThatThrownBy(
            () ->
                new LiveStreamConfig(
                    "studio",
                    "Studio",
                    LadderDocuments.builtIn(LadderDocuments.SMALL),
                    Rational.of(2),
                    6,
                    Optional.of(4),
                    0,
                    Optional.empty(),
                    Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DVR window");
  }

  @Test
  void pullSource_redactsUserInfoAndQuery() {
    LiveStreamConfig.PullSource pull =
        new LiveStreamConfig.PullSource(
            URI.create("rtsp://admin:s3cret@10.0.0.7:554/stream1?token=abc"), "tcp");

    assertThat(pull.redacted()).isEqualTo("rtsp://***@10.0.0.7:554/stream1?***");
    assertThat(pull.toString()).doesNotContain("s3cret").doesNotContain("abc");
  }

  @Test
  void pullSource_otherScheme_isRejected() {
    assertThatThrownBy(
            () -> new LiveStreamConfig.PullSource(URI.create("http://example.com/live.ts"), "tcp"))
        .hasMessageContaining("udp://, rtp://, rtsp:// or srt://");
  }
}
