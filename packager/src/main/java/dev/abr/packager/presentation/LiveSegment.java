package dev.abr.packager.presentation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Segment number {@code sequence} of a live presentation, as published in every rendition.
 *
 * @param sequence the segment number (also its file name, {@code {sequence}.m4s})
 * @param renditions the segment of each rendition, in the presentation's rendition order, each
 *     numbered {@code sequence}
 * @param programDateTime the wall-clock time of its first sample (reference rendition), to the
 *     millisecond
 * @param discontinuity whether the publisher's timestamps restart here (an HLS {@code
 *     EXT-X-DISCONTINUITY} and a new DASH Period); the same in every rendition by construction
 * @param period the index of the {@link LivePeriod} it belongs to
 */
public record LiveSegment(
    long sequence,
    List<PublishedSegment> renditions,
    Instant programDateTime,
    boolean discontinuity,
    int period) {
  public LiveSegment {
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty()) {
      throw new IllegalArgumentException("segment " + sequence + " has no rendition");
    }
    for (PublishedSegment segment : renditions) {
      if (segment.sequence() != sequence) {
        throw new IllegalArgumentException(
            "segment " + sequence + " holds a rendition segment numbered " + segment.sequence());
      }
    }
    if (period < 0) {
      throw new IllegalArgumentException(
          "segment " + sequence + " has a negative period: " + period);
    }
    if (!programDateTime.truncatedTo(ChronoUnit.MILLIS).equals(programDateTime)) {
      throw new IllegalArgumentException(
          "segment " + sequence + " is dated " + programDateTime + ", finer than a millisecond");
    }
  }

  /** The segment of the rendition at {@code index} of the presentation's renditions. */
  public PublishedSegment rendition(int index) {
    return renditions.get(index);
  }
}
