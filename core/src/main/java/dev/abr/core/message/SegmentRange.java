package dev.abr.core.message;

import java.time.Instant;
import java.util.Optional;

/**
 * One output segment of a chunk: grid frames {@code [firstFrameIndex, endFrameIndex)}, the first an
 * IDR frame in every rendition.
 *
 * @param sequence segment number (the output file {@code {sequence}.m4s})
 * @param firstFrameIndex first output grid frame
 * @param endFrameIndex output grid frame after the last
 * @param programDateTime live: the wall-clock time of the segment's first frame, from the source
 * @param discontinuity live: the publisher came back (new connection, new timestamps) with this
 *     segment
 */
public record SegmentRange(
    long sequence,
    long firstFrameIndex,
    long endFrameIndex,
    Optional<Instant> programDateTime,
    boolean discontinuity) {
  public SegmentRange {
    if (sequence < 0) {
      throw new IllegalArgumentException("segment sequence must not be negative: " + sequence);
    }
    if (endFrameIndex <= firstFrameIndex) {
      throw new IllegalArgumentException(
          "segment "
              + sequence
              + " has no frames: ["
              + firstFrameIndex
              + ", "
              + endFrameIndex
              + ")");
    }
  }

  /** A VOD segment: no date, no discontinuity. */
  public SegmentRange(long sequence, long firstFrameIndex, long endFrameIndex) {
    this(sequence, firstFrameIndex, endFrameIndex, Optional.empty(), false);
  }

  /** Number of frames. */
  public long frameCount() {
    return endFrameIndex - firstFrameIndex;
  }
}
