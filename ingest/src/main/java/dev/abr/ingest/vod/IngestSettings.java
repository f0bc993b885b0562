package dev.abr.ingest.vod;

import dev.abr.media.ProbeLimits;

/**
 * How VOD intake cuts sources.
 *
 * @param limits what a source may declare before we decode it
 * @param capFactor a chunk is cut without a key frame once it is this many targets long
 * @param maxPreRollSeconds longest decode pre-roll a forced cut may need
 */
public record IngestSettings(ProbeLimits limits, int capFactor, int maxPreRollSeconds) {
  /** Default limits, chunks capped at twice the target, pre-roll up to 30 s. */
  public static final IngestSettings DEFAULT = new IngestSettings(ProbeLimits.DEFAULT, 2, 30);

  public IngestSettings {
    if (capFactor < 1 || maxPreRollSeconds < 1) {
      throw new IllegalArgumentException("capFactor and maxPreRollSeconds must be at least 1");
    }
  }
}
