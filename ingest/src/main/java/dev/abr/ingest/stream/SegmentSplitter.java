package dev.abr.ingest.stream;

import dev.abr.core.message.SegmentRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chunk's output frames into segments of the target length: whole segments while at least
 * one and a half remain, then the rest as the last one, so no segment is shorter than half the
 * target (unless the chunk is) and none longer than one and a half.
 */
public final class SegmentSplitter {
  private SegmentSplitter() {}

  /**
   * Returns the segments of grid frames {@code [first, end)}, numbered from {@code firstSequence}.
   *
   * @param segmentFrames target segment length in frames
   */
  public static List<SegmentRange> split(
      long firstSequence, long first, long end, long segmentFrames) {
    if (segmentFrames < 1 || end <= first) {
      throw new IllegalArgumentException(
          "cannot split [" + first + ", " + end + ") into segments of " + segmentFrames);
    }
    List<SegmentRange> segments = new ArrayList<>();
    long start = first;
    long sequence = firstSequence;
    while (2 * (end - start) >= 3 * segmentFrames) {
      segments.add(new SegmentRange(sequence++, start, start + segmentFrames));
      start += segmentFrames;
    }
    segments.add(new SegmentRange(sequence, start, end));
    return segments;
  }
}
