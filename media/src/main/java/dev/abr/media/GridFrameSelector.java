package dev.abr.media;

import dev.abr.core.time.FrameGrid;
import dev.abr.core.time.MediaTime;
import java.math.BigInteger;

/**
 * Chooses, for each output grid frame of a chunk, the decoded source frame to show: the one nearest
 * in presentation time (ties go to the later frame). Source frames arrive in presentation order;
 * output frames are emitted in order, each source frame covering a run of grid frames (one for
 * equal rates, more when repeating, none when dropping). Output timestamps come only from the grid
 * index (STYLE.md §3 rule 6): input timestamps decide what is shown, never when.
 */
final class GridFrameSelector {
  private final FrameGrid grid;
  private final long endIndex;
  private long nextIndex;
  private @org.jspecify.annotations.Nullable MediaTime previous;

  /** Selects for grid frames {@code [firstIndex, endIndex)}. */
  GridFrameSelector(FrameGrid grid, long firstIndex, long endIndex) {
    if (endIndex <= firstIndex) {
      throw new IllegalArgumentException("empty grid range [" + firstIndex + ", " + endIndex + ")");
    }
    this.grid = grid;
    this.nextIndex = firstIndex;
    this.endIndex = endIndex;
  }

  /**
   * Offers the next source frame (presentation time {@code time}, which must not go backwards).
   * Returns how many grid frames, starting at {@link #nextIndex()} before the call, the previously
   * offered frame covers; the caller emits the previous frame that many times.
   */
  int offer(MediaTime time) {
    if (previous == null) {
      previous = time;
      return 0;
    }
    if (time.compareTo(previous) < 0) {
      throw new IllegalArgumentException(
          "source frame at " + time + " goes back before " + previous);
    }
    int count = 0;
    while (nextIndex < endIndex && closerToPrevious(grid.timeOf(nextIndex), previous, time)) {
      nextIndex++;
      count++;
    }
    previous = time;
    return count;
  }

  /** Returns how many remaining grid frames the last offered frame covers (all of them). */
  int finish() {
    if (previous == null) {
      return 0;
    }
    int count = (int) (endIndex - nextIndex);
    nextIndex = endIndex;
    return count;
  }

  /** The next grid frame to be covered. */
  long nextIndex() {
    return nextIndex;
  }

  /** Presentation time of the last offered source frame, if any. */
  @org.jspecify.annotations.Nullable
  MediaTime lastOffered() {
    return previous;
  }

  /** True when {@code 2 * t <= p + f}, in exact integers whatever the three timescales. */
  static boolean closerToPrevious(MediaTime t, MediaTime p, MediaTime f) {
    BigInteger tp = BigInteger.valueOf(p.timescale());
    BigInteger tf = BigInteger.valueOf(f.timescale());
    BigInteger tt = BigInteger.valueOf(t.timescale());
    BigInteger left = BigInteger.valueOf(t.ticks()).shiftLeft(1).multiply(tp).multiply(tf);
    BigInteger right =
        BigInteger.valueOf(p.ticks())
            .multiply(tf)
            .add(BigInteger.valueOf(f.ticks()).multiply(tp))
            .multiply(tt);
    return left.compareTo(right) <= 0;
  }
}
