package dev.abr.core.message;

/**
 * One output segment of a chunk: grid frames {@code [firstFrameIndex, endFrameIndex)}, the first an
 * IDR frame in every rendition.
 *
 * @param sequence segment number (the output file {@code {sequence}.m4s})
 * @param firstFrameIndex first output grid frame
 * @param endFrameIndex output grid frame after the last
 */
public record SegmentRange(long sequence, long firstFrameIndex, long endFrameIndex) {
  public SegmentRange {
    if (sequence < 0) {
      throw new IllegalArgumentException("segment sequence must not be negative: " + sequence);
    }
    if (endFrameIndex <= firstFrameIndex) {
      throw new IllegalArgumentException(
          "segment " + sequence + " has no frames: [" + firstFrameIndex + ", " + endFrameIndex + ")");
    }
  }

  /** Number of frames. */
  public long frameCount() {
    return endFrameIndex - firstFrameIndex;
  }
}
