package dev.abr.ingest.stream;

import dev.abr.media.ProbeLimits;

/**
 * How VOD intake cuts sources.
 *
 * @param limits what a source may declare before we decode it
 * @param segmentsPerChunk VOD chunks target this many segments (each chunk is one encoder start per
 *     rendition; see docs/decisions/009-vod-chunks-of-several-segments.md)
 * @param capFactor a chunk is cut without a key frame once it is this many chunk targets long
 * @param maxPreRollSeconds longest decode pre-roll a forced cut may need
 */
public record IngestSettings(
    ProbeLimits limits, int segmentsPerChunk, int capFactor, int maxPreRollSeconds) {
  /** Default limits, chunks of 8 segments capped at twice that, pre-roll up to 30 s. */
  public static final IngestSettings DEFAULT = new IngestSettings(ProbeLimits.DEFAULT, 8, 2, 30);

  public IngestSettings {
    if (segmentsPerChunk < 1 || capFactor < 1 || maxPreRollSeconds < 1) {
      throw new IllegalArgumentException(
          "segmentsPerChunk, capFactor and maxPreRollSeconds must be at least 1");
    }
  }

  /** The same settings with {@code value} segments per chunk. */
  public IngestSettings withSegmentsPerChunk(int value) {
    return new IngestSettings(limits, value, capFactor, maxPreRollSeconds);
  }
}
