package dev.abr.media;

import dev.abr.core.time.MediaTime;
import java.util.List;

/**
 * What part of the output a chunk file produces.
 *
 * @param decodeStart source time (90 kHz, stream-relative) of the chunk file's first packet
 * @param firstFrameIndex first output grid frame
 * @param endFrameIndex output grid frame after the last
 * @param segmentStarts grid frames that must be IDR frames (segment starts), the first being {@code
 *     firstFrameIndex}, increasing, all inside the range
 */
public record ChunkRange(
    MediaTime decodeStart, long firstFrameIndex, long endFrameIndex, List<Long> segmentStarts) {
  public ChunkRange {
    segmentStarts = List.copyOf(segmentStarts);
    if (endFrameIndex <= firstFrameIndex) {
      throw new IllegalArgumentException(
          "no frames in [" + firstFrameIndex + ", " + endFrameIndex + ")");
    }
    if (segmentStarts.isEmpty() || segmentStarts.get(0) != firstFrameIndex) {
      throw new IllegalArgumentException(
          "the first segment must start at frame " + firstFrameIndex);
    }
    for (int i = 1; i < segmentStarts.size(); i++) {
      long start = segmentStarts.get(i);
      if (start <= segmentStarts.get(i - 1) || start >= endFrameIndex) {
        throw new IllegalArgumentException(
            "segment starts " + segmentStarts + " must increase inside the range");
      }
    }
  }

  /** A range of one segment. */
  public static ChunkRange single(MediaTime decodeStart, long firstFrameIndex, long endFrameIndex) {
    return new ChunkRange(decodeStart, firstFrameIndex, endFrameIndex, List.of(firstFrameIndex));
  }

  /** Number of output frames. */
  public int frameCount() {
    return Math.toIntExact(endFrameIndex - firstFrameIndex);
  }
}
