package dev.abr.media;

import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Timescales;

/**
 * What a source may declare before we agree to decode it. Checked from the container headers,
 * before any frame is decoded.
 *
 * @param maxLongSide largest allowed long side of the picture in pixels
 * @param maxShortSide largest allowed short side in pixels
 * @param maxDuration longest allowed duration
 * @param maxAudioChannels most audio channels allowed
 * @param maxStreams most streams a container may hold
 */
public record ProbeLimits(
    int maxLongSide,
    int maxShortSide,
    MediaTime maxDuration,
    int maxAudioChannels,
    int maxStreams) {
  /** 4096x2304, 12 h, 8 channels, 32 streams. */
  public static final ProbeLimits DEFAULT =
      new ProbeLimits(
          4096, 2304, MediaTime.of(12L * 3600 * Timescales.SOURCE, Timescales.SOURCE), 8, 32);
}
