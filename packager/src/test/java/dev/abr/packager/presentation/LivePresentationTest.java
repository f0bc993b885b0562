package dev.abr.packager.presentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.abr.core.time.MediaTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivePresentationTest {
  private static final Instant START = LiveStream.START;
  private static final long TWO_SECONDS = 2L * LiveStream.VIDEO_TIMESCALE;
  private static final MediaTime NO_MINIMUM = MediaTime.zero(1);

  /** Segment {@code n} of every rendition, 2 s from {@code videoStart}. */
  private static Map<String, PublishedSegment> segment(long n, long videoStart) {
    long audioStart = LiveStream.audioTicksAt(videoStart);
    long audioEnd = LiveStream.audioTicksAt(videoStart + TWO_SECONDS);
    return Map.of(
        "720p", new PublishedSegment(n, videoStart, TWO_SECONDS, 500_000),
        "360p", new PublishedSegment(n, videoStart, TWO_SECONDS, 100_000),
        "audio", new PublishedSegment(n, audioStart, audioEnd - audioStart, 32_000));
  }

  /** Segments 0 to {@code count - 1}, 2 s each, dated from {@link #START}. */
  private static LivePresentation continuous(int count) {
    LivePresentation presentation = LivePresentation.start(LiveStream.RENDITIONS);
    for (int n = 0; n < count; n++) {
      presentation =
          presentation.append(segment(n, n * TWO_SECONDS), START.plusSeconds(2L * n), false);
    }
    return presentation;
  }

  @Test
  void append_firstSegment_opensPeriodZeroAtItsDate() {
    LivePresentation presentation = continuous(1);

    assertThat(presentation.periods())
        .containsExactly(new LivePeriod(0, 0, MediaTime.of(0, 90_000), START));
    assertThat(presentation.availabilityStartTime()).isEqualTo(START);
  }

  @Test
  void append_discontinuity_opensPeriodAnchoredAtItsDate() {
    Instant back = START.plusSeconds(10);

    LivePresentation presentation = continuous(2).append(segment(2, 7 * TWO_SECONDS), back, true);

    assertThat(presentation.periods().getLast())
        .isEqualTo(new LivePeriod(1, 2, MediaTime.of(7 * TWO_SECONDS, 90_000), back));
    assertThat(presentation.segments().getLast().period()).isEqualTo(1);
  }

  @Test
  void append_dateWithSubMillisecondPart_isTruncatedToTheMillisecond() {
    LivePresentation presentation =
        LivePresentation.start(LiveStream.RENDITIONS)
            .append(segment(0, 0), START.plusNanos(1_999_999), false);

    assertThat(presentation.segments().getFirst().programDateTime()).isEqualTo(START.plusMillis(1));
  }

  @Test
  void append_gapInTimeline_isRejectedNamingRenditionAndTimes() {
    LivePresentation presentation = continuous(1);

    assertThatThrownBy(
            () -> presentation.append(segment(1, TWO_SECONDS + 3_000), START.plusSeconds(2), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "rendition 720p: segment 1 starts at 183000/90000 but segment 0 ended at 180000/90000");
  }

  @Test
  void append_numberOutOfOrder_isRejected() {
    LivePresentation presentation = continuous(2);

    assertThatThrownBy(() -> presentation.append(segment(3, 2 * TWO_SECONDS), START, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment 3 does not follow segment 1");
  }

  @Test
  void append_missingRendition_isRejected() {
    Map<String, PublishedSegment> videoOnly =
        Map.of("720p", new PublishedSegment(0, 0, TWO_SECONDS, 1));
    LivePresentation presentation = LivePresentation.start(LiveStream.RENDITIONS);

    assertThatThrownBy(() -> presentation.append(videoOnly, START, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks rendition 360p");
  }

  @Test
  void append_firstSegmentAsDiscontinuity_isRejected() {
    LivePresentation presentation = LivePresentation.start(LiveStream.RENDITIONS);

    assertThatThrownBy(() -> presentation.append(segment(0, 0), START, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot follow a discontinuity");
  }

  @Test
  void append_dateDisagreeingWithMediaTime_isRejected() {
    LivePresentation presentation = continuous(1);

    assertThatThrownBy(
            () -> presentation.append(segment(1, TWO_SECONDS), START.plusMillis(2_005), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("its media time says 2025-03-01T12:00:02Z");
  }

  @Test
  void append_dateOneMillisecondOff_isAccepted() {
    LivePresentation presentation =
        continuous(1).append(segment(1, TWO_SECONDS), START.plusMillis(2_001), false);

    assertThat(presentation.segments()).hasSize(2);
  }

  @Test
  void append_discontinuityBeforePreviousPeriodEnds_isRejected() {
    LivePresentation presentation = continuous(2);

    assertThatThrownBy(() -> presentation.append(segment(2, 0), START.plusMillis(3_999), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the previous period ends at 2025-03-01T12:00:04Z");
  }

  @Test
  void append_discontinuityWhileAudioOverhangs_isAccepted() {
    // Audio ends 188 AAC frames in, 4.0107 s, after the video's 4 s: players trim the overhang.
    LivePresentation presentation = continuous(2).append(segment(2, 0), START.plusSeconds(4), true);

    assertThat(presentation.periods()).hasSize(2);
  }

  @Test
  void append_afterEnd_isRejected() {
    LivePresentation ended = continuous(1).end();

    assertThatThrownBy(() -> ended.append(segment(1, TWO_SECONDS), START.plusSeconds(2), false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void retainLast_longerThanCount_dropsOldestAndSchedulesDeletion() {
    Instant now = START.plusSeconds(20);

    LivePresentation presentation = continuous(10).retainLast(6, NO_MINIMUM, now);

    assertThat(presentation.segments().getFirst().sequence()).isEqualTo(4);
    // Deletable after the segment plus the longest window that listed it (10 segments: 20 s of
    // video, 938 AAC frames = 20.011 s of audio). Audio segments of 94 frames last 2.006 s, of 93
    // frames 1.984 s, so the video's 2 s counts for those.
    assertThat(presentation.removed())
        .extracting(RemovedSegment::sequence, RemovedSegment::deletableAt)
        .containsExactly(
            tuple(0L, now.plusMillis(2_006 + 20_011)),
            tuple(1L, now.plusMillis(2_006 + 20_011)),
            tuple(2L, now.plusMillis(2_000 + 20_011)),
            tuple(3L, now.plusMillis(2_006 + 20_011)));
  }

  @Test
  void retainLast_windowShorterThanMinimum_keepsMoreSegments() {
    LivePresentation presentation =
        continuous(10).retainLast(2, MediaTime.of(6, 1), START.plusSeconds(20));

    assertThat(presentation.segments()).hasSize(3);
  }

  @Test
  void retainLast_droppedDiscontinuity_incrementsDiscontinuityCount() {
    LivePresentation presentation =
        continuous(2)
            .append(segment(2, 0), START.plusSeconds(5), true)
            .append(segment(3, TWO_SECONDS), START.plusSeconds(7), false);

    LivePresentation slid = presentation.retainLast(1, NO_MINIMUM, START.plusSeconds(8));

    assertThat(slid.removedDiscontinuities()).isEqualTo(1);
    assertThat(slid.segments().getFirst().discontinuity()).isFalse();
  }

  @Test
  void retainWindow_unboundedDvr_keepsEverySegment() {
    LiveSettings settings = LiveStream.SETTINGS.withDvr(DvrWindow.unbounded());

    LivePresentation presentation = continuous(40).retainWindow(settings, START.plusSeconds(80));

    assertThat(presentation.segments()).hasSize(40);
    assertThat(presentation.listsWholeStream()).isTrue();
  }

  @Test
  void deletable_beforeDeletionTime_isEmpty() {
    Instant now = START.plusSeconds(20);
    LivePresentation presentation = continuous(7).retainLast(6, NO_MINIMUM, now);

    assertThat(presentation.deletable(now.plusMillis(2_006 + 14_000 - 1))).isEmpty();
  }

  @Test
  void deletable_atDeletionTime_listsTheSegment() {
    Instant now = START.plusSeconds(20);
    LivePresentation presentation = continuous(7).retainLast(6, NO_MINIMUM, now);

    assertThat(presentation.deletable(now.plusMillis(2_006 + 14_000)))
        .extracting(RemovedSegment::sequence)
        .containsExactly(0L);
  }

  @Test
  void forgetDeletable_removesOnlyTheDeletableSegments() {
    Instant now = START.plusSeconds(20);
    LivePresentation presentation =
        continuous(8).retainLast(7, NO_MINIMUM, now).retainLast(6, NO_MINIMUM, now.plusSeconds(2));

    LivePresentation forgotten = presentation.forgetDeletable(now.plusMillis(2_006 + 16_000));

    assertThat(forgotten.removed()).extracting(RemovedSegment::sequence).containsExactly(1L);
  }

  @Test
  void retainLast_afterEnd_isRejected() {
    LivePresentation ended = continuous(8).end();

    assertThatThrownBy(() -> ended.retainLast(6, NO_MINIMUM, START))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void constructor_discontinuityFlagInsideAPeriod_isRejected() {
    LivePresentation presentation = continuous(2);
    LiveSegment last = presentation.segments().getLast();
    LiveSegment flagged =
        new LiveSegment(last.sequence(), last.renditions(), last.programDateTime(), true, 0);

    assertThatThrownBy(
            () ->
                new LivePresentation(
                    presentation.renditions(),
                    List.of(presentation.segments().getFirst(), flagged),
                    presentation.periods(),
                    0,
                    List.of(),
                    0,
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must follow a discontinuity exactly when it opens a period");
  }
}
