package dev.abr.packager.presentation;

/**
 * A segment as written to the output: its place on the rendition's timeline and its size.
 *
 * @param sequence segment number (also its file name, {@code {sequence}.m4s})
 * @param startTicks decode time of its first sample ({@code tfdt}), track timescale
 * @param durationTicks sum of its sample durations, track timescale
 * @param sizeBytes size of the segment file
 */
public record PublishedSegment(long sequence, long startTicks, long durationTicks, long sizeBytes) {
  public PublishedSegment {
    if (sequence < 0 || durationTicks <= 0 || sizeBytes <= 0) {
      throw new IllegalArgumentException(
          "segment "
              + sequence
              + " needs a positive duration and size: "
              + durationTicks
              + ", "
              + sizeBytes);
    }
  }

  /** Decode time just after the segment. */
  public long endTicks() {
    return startTicks + durationTicks;
  }
}
