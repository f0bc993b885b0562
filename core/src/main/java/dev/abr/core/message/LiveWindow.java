package dev.abr.core.message;

import dev.abr.core.time.Rational;
import java.util.Optional;

/**
 * How a live stream's manifests slide (set by ingest from the stream's settings).
 *
 * @param maxSegmentDuration the longest a segment can be (the chunker's cap): the fixed HLS {@code
 *     EXT-X-TARGETDURATION}
 * @param windowSegments segments listed in the live playlists and MPD
 * @param dvrSegments a longer window kept for seeking back, if any ({@code 0} keeps everything)
 */
public record LiveWindow(
    Rational maxSegmentDuration, int windowSegments, Optional<Integer> dvrSegments) {
  public LiveWindow {
    if (windowSegments < 3) {
      throw new IllegalArgumentException(
          "a live window needs at least 3 segments: " + windowSegments);
    }
    dvrSegments.ifPresent(
        dvr -> {
          if (dvr != 0 && dvr < windowSegments) {
            throw new IllegalArgumentException(
                "the DVR window ("
                    + dvr
                    + " segments) must be 0 (everything) or at least the live window ("
                    + windowSegments
                    + ")");
          }
        });
  }
}
