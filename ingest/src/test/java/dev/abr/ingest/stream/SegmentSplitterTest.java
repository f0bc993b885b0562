package dev.abr.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.message.SegmentRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentSplitterTest {
  private static List<Long> lengths(List<SegmentRange> segments) {
    return segments.stream().map(SegmentRange::frameCount).toList();
  }

  @Test
  void split_wholeMultipleOfTheTarget_givesEqualSegments() {
    assertThat(lengths(SegmentSplitter.split(0, 0, 480, 120)))
        .containsExactly(120L, 120L, 120L, 120L);
  }

  @Test
  void split_remainderOfHalfTheTarget_isItsOwnLastSegment() {
    assertThat(lengths(SegmentSplitter.split(0, 0, 300, 120))).containsExactly(120L, 120L, 60L);
  }

  @Test
  void split_remainderUnderHalfTheTarget_isJoinedToTheLastSegment() {
    assertThat(lengths(SegmentSplitter.split(0, 0, 490, 120)))
        .containsExactly(120L, 120L, 120L, 130L);
  }

  @Test
  void split_chunkShorterThanTheTarget_isOneSegment() {
    assertThat(lengths(SegmentSplitter.split(0, 0, 50, 120))).containsExactly(50L);
  }

  @Test
  void split_numbersSegmentsFromTheGivenSequenceAndTilesTheRange() {
    List<SegmentRange> segments = SegmentSplitter.split(7, 480, 780, 120);

    assertThat(segments).extracting(SegmentRange::sequence).containsExactly(7L, 8L, 9L);
    assertThat(segments.get(0).firstFrameIndex()).isEqualTo(480);
    assertThat(segments.get(2).endFrameIndex()).isEqualTo(780);
    for (int i = 1; i < segments.size(); i++) {
      assertThat(segments.get(i).firstFrameIndex()).isEqualTo(segments.get(i - 1).endFrameIndex());
    }
  }
}
