package dev.abr.ingest.live;

import dev.abr.ingest.stream.IngestSettings;
import dev.abr.media.ProbeLimits;
import java.time.Duration;

/**
 * How live streams are cut and how long a stream waits for its publisher to come back.
 *
 * @param chunking one segment per chunk (so a segment leaves ingest as soon as its source has
 *     arrived); a chunk without a key frame is cut at {@code capFactor} segment durations
 * @param reconnectWindow a publisher that comes back within this continues the same stream (with a
 *     discontinuity); after it the stream ends and its manifests become VOD
 */
public record LiveIngestSettings(IngestSettings chunking, Duration reconnectWindow) {
  /**
   * One segment per chunk, cut without a key frame at twice the segment duration; 30 s to come
   * back.
   */
  public static final LiveIngestSettings DEFAULT =
      new LiveIngestSettings(
          new IngestSettings(ProbeLimits.DEFAULT, 1, 2, 30), Duration.ofSeconds(30));

  public LiveIngestSettings {
    if (reconnectWindow.isNegative()) {
      throw new IllegalArgumentException(
          "the reconnect window must not be negative: " + reconnectWindow);
    }
  }

  /** The same settings with another reconnect window. */
  public LiveIngestSettings withReconnectWindow(Duration value) {
    return new LiveIngestSettings(chunking, value);
  }
}
