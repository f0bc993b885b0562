package dev.abr.media;

import dev.abr.core.time.MediaTime;

/**
 * What part of the output a chunk file produces.
 *
 * @param decodeStart source time (90 kHz, stream-relative) of the chunk file's first packet
 * @param firstFrameIndex first output grid frame
 * @param endFrameIndex output grid frame after the last
 */
public record ChunkRange(MediaTime decodeStart, long firstFrameIndex, long endFrameIndex) {
  public ChunkRange {
    if (endFrameIndex <= firstFrameIndex) {
      throw new IllegalArgumentException(
          "no frames in [" + firstFrameIndex + ", " + endFrameIndex + ")");
    }
  }

  /** Number of output frames. */
  public int frameCount() {
    return Math.toIntExact(endFrameIndex - firstFrameIndex);
  }
}
