package dev.abr.packager.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.MediaTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MpdRecordsTest {
  private static final SegmentTimeline TIMELINE = SegmentTimeline.contiguous(0, List.of(10L));

  @Test
  void segmentTimeline_overlappingSegments_throws() {
    assertThatThrownBy(
            () ->
                new SegmentTimeline(
                    List.of(
                        new SegmentTimeline.Segment(0, 100), new SegmentTimeline.Segment(99, 100))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previous one ends at 100");
  }

  @Test
  void segmentTemplate_mediaWithoutNumberOrTime_throws() {
    assertThatThrownBy(() -> SegmentTemplate.of(90_000, "init.mp4", "segment.m4s", 0, TIMELINE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$Number$");
  }

  @Test
  void adaptationSet_sharedTemplateWithoutRepresentationId_throws() {
    var template = SegmentTemplate.of(90_000, "init.mp4", "$Number$.m4s", 0, TIMELINE);
    var builder =
        AdaptationSet.builder(0, ContentType.VIDEO, "video/mp4")
            .addRepresentation(Representation.video("a", 1, "avc1.64001f", 2, 2, template))
            .addRepresentation(Representation.video("b", 1, "avc1.64001f", 2, 2, template));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$RepresentationID$");
  }

  @Test
  void adaptationSet_twoVideoRepresentations_maxWidthIsTheLargest() {
    var template =
        SegmentTemplate.of(
            90_000, "$RepresentationID$/i.mp4", "$RepresentationID$/$Number$.m4s", 0, TIMELINE);
    var set =
        AdaptationSet.builder(0, ContentType.VIDEO, "video/mp4")
            .addRepresentation(Representation.video("a", 1, "avc1.64001f", 640, 360, template))
            .addRepresentation(Representation.video("b", 1, "avc1.64001f", 1280, 720, template))
            .build();

    assertThat(set.maxWidth()).hasValue(1280);
  }

  @Test
  void period_duplicateRepresentationIdAcrossSets_throws() {
    var template = SegmentTemplate.of(48_000, "a/init.mp4", "a/$Number$.m4s", 0, TIMELINE);
    var first =
        AdaptationSet.builder(0, ContentType.AUDIO, "audio/mp4")
            .addRepresentation(Representation.audio("a", 1, "mp4a.40.2", 48_000, template))
            .build();
    var second =
        AdaptationSet.builder(1, ContentType.AUDIO, "audio/mp4")
            .addRepresentation(Representation.audio("a", 1, "mp4a.40.2", 48_000, template))
            .build();

    assertThatThrownBy(() -> Period.startingAtZero("0", List.of(first, second)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two representations with id a");
  }

  @Test
  void mpd_staticWithoutDuration_throws() {
    var template = SegmentTemplate.of(48_000, "a/init.mp4", "a/$Number$.m4s", 0, TIMELINE);
    var set =
        AdaptationSet.builder(0, ContentType.AUDIO, "audio/mp4")
            .addRepresentation(Representation.audio("a", 1, "mp4a.40.2", 48_000, template))
            .build();

    assertThatThrownBy(
            () ->
                new Mpd(
                    List.of(Mpd.PROFILE_ISOFF_LIVE),
                    MediaTime.of(2, 1),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(Period.startingAtZero("0", List.of(set)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mediaPresentationDuration");
  }
}
