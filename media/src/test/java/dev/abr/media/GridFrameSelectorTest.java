package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.FrameGrid;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridFrameSelectorTest {
  private static MediaTime source(long ticks) {
    return MediaTime.of(ticks, 90_000);
  }

  /**
   * Runs the selector over source times and returns, per source frame, how many grid frames it
   * covers.
   */
  private static List<Integer> coverage(FrameGrid grid, long first, long end, long... sourceTicks) {
    GridFrameSelector selector = new GridFrameSelector(grid, first, end);
    List<Integer> counts = new ArrayList<>();
    for (long ticks : sourceTicks) {
      int count = selector.offer(source(ticks));
      if (counts.size() > 0 || count > 0) {
        counts.add(count);
      }
    }
    counts.add(selector.finish());
    return counts;
  }

  @Test
  void offer_sameRate_coversOneGridFramePerSourceFrame() {
    FrameGrid grid = FrameGrid.of(Rational.of(30));

    List<Integer> counts = coverage(grid, 0, 4, 0, 3000, 6000, 9000);

    assertThat(counts).containsExactly(1, 1, 1, 1);
  }

  @Test
  void offer_ntscSourceOnNtscGrid_coversOneEach() {
    FrameGrid grid = FrameGrid.of(Rational.of(30000, 1001));

    List<Integer> counts = coverage(grid, 10, 13, 30030, 33033, 36036);

    assertThat(counts).containsExactly(1, 1, 1);
  }

  @Test
  void offer_25fpsSourceOn50fpsGrid_repeatsEachFrameTwice() {
    FrameGrid grid = FrameGrid.of(Rational.of(50));

    List<Integer> counts = coverage(grid, 0, 6, 0, 3600, 7200);

    assertThat(counts).containsExactly(2, 2, 2);
  }

  @Test
  void offer_60fpsSourceOn30fpsGrid_dropsEveryOtherFrame() {
    FrameGrid grid = FrameGrid.of(Rational.of(30));

    List<Integer> counts = coverage(grid, 0, 2, 0, 1500, 3000, 4500);

    assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
  }

  @Test
  void offer_jitteredTimestamps_stillOneEach() {
    FrameGrid grid = FrameGrid.of(Rational.of(30));

    List<Integer> counts = coverage(grid, 0, 4, 2, 2998, 6001, 9003);

    assertThat(counts).containsExactly(1, 1, 1, 1);
  }

  @Test
  void offer_preRollFramesBeforeTheRange_coverNothing() {
    FrameGrid grid = FrameGrid.of(Rational.of(30));
    GridFrameSelector selector = new GridFrameSelector(grid, 3, 5);

    int first = selector.offer(source(0));
    int second = selector.offer(source(3000));
    int third = selector.offer(source(6000));
    int fourth = selector.offer(source(9000));

    assertThat(List.of(first, second, third, fourth)).containsExactly(0, 0, 0, 0);
    assertThat(selector.finish()).isEqualTo(2);
  }

  @Test
  void offer_tieBetweenTwoSourceFrames_choosesTheEarlierOne() {
    FrameGrid grid = FrameGrid.of(Rational.of(30));
    GridFrameSelector selector = new GridFrameSelector(grid, 1, 2);

    selector.offer(source(1500));
    int coveredByFirst = selector.offer(source(4500));

    assertThat(coveredByFirst).isEqualTo(1);
    assertThat(selector.finish()).isZero();
  }

  @Test
  void offer_timeGoesBack_isRejected() {
    GridFrameSelector selector = new GridFrameSelector(FrameGrid.of(Rational.of(30)), 0, 3);
    selector.offer(source(3000));

    assertThatThrownBy(() -> selector.offer(source(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
