package dev.abr.packager.dash;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact start and duration of each segment of a representation, in ticks of its {@link
 * SegmentTemplate#timescale()} (ISO/IEC 23009-1 §5.3.9.6). {@link MpdWriter} writes it run-length
 * encoded as {@code <S t d r>} entries.
 *
 * @param segments the segments in time order, at least one; they may leave gaps but never overlap
 */
public record SegmentTimeline(List<Segment> segments) {
  public SegmentTimeline {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a segment timeline needs at least one segment");
    }
    for (int i = 1; i < segments.size(); i++) {
      Segment previous = segments.get(i - 1);
      Segment segment = segments.get(i);
      if (segment.startTicks() < previous.endTicks()) {
        throw new IllegalArgumentException(
            "segment "
                + i
                + " starts at "
                + segment.startTicks()
                + " ticks but the previous one ends at "
                + previous.endTicks());
      }
    }
  }

  /** Returns contiguous segments starting at {@code startTicks}, lasting {@code durationsTicks}. */
  public static SegmentTimeline contiguous(long startTicks, List<Long> durationsTicks) {
    List<Segment> segments = new ArrayList<>(durationsTicks.size());
    long start = startTicks;
    for (long durationTicks : durationsTicks) {
      segments.add(new Segment(start, durationTicks));
      start = Math.addExact(start, durationTicks);
    }
    return new SegmentTimeline(segments);
  }

  /** The end of the last segment, in ticks. */
  public long endTicks() {
    return segments.getLast().endTicks();
  }

  /**
   * One segment: its earliest presentation time and its duration.
   *
   * @param startTicks start, not negative; the segment's own {@code tfdt}-derived time, never a sum
   *     of rounded durations
   * @param durationTicks duration, positive
   */
  public record Segment(long startTicks, long durationTicks) {
    public Segment {
      if (startTicks < 0 || durationTicks <= 0) {
        throw new IllegalArgumentException(
            "segment needs a non-negative start and a positive duration: start "
                + startTicks
                + ", duration "
                + durationTicks);
      }
    }

    /** Start plus duration. */
    public long endTicks() {
      return Math.addExact(startTicks, durationTicks);
    }
  }
}
