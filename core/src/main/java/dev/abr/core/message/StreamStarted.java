package dev.abr.core.message;

import dev.abr.core.id.Ids;
import dev.abr.core.time.Rational;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stream begins: which renditions every segment will have, and where the package goes.
 *
 * @param jobId job id
 * @param streamId stream id
 * @param mode {@code vod} or {@code live}
 * @param outputPrefix key prefix of the package in the output store (empty for the root)
 * @param renditions every rendition each segment needs before it is published
 * @param segmentDuration target segment duration in seconds
 * @param at wall-clock time
 * @param live for {@code live} streams: how the manifests slide
 */
public record StreamStarted(
    String jobId,
    String streamId,
    String mode,
    String outputPrefix,
    List<RenditionInfo> renditions,
    Rational segmentDuration,
    Instant at,
    Optional<LiveWindow> live)
    implements PackageEvent {
  public StreamStarted {
    Ids.check("stream id", streamId);
    renditions = List.copyOf(renditions);
  }

  /** A VOD stream. */
  public StreamStarted(
      String jobId,
      String streamId,
      String mode,
      String outputPrefix,
      List<RenditionInfo> renditions,
      Rational segmentDuration,
      Instant at) {
    this(jobId, streamId, mode, outputPrefix, renditions, segmentDuration, at, Optional.empty());
  }

  /**
   * True for a live stream. (Not named like a bean getter: {@code isLive} would make JSON mappers
   * take it for the {@code live} property.)
   */
  public boolean liveMode() {
    return mode.equals("live");
  }
}
