package dev.abr.packager.dash;

/**
 * How a representation's segment URLs and times are derived (ISO/IEC 23009-1 §5.3.9.4): URL
 * templates plus an explicit {@link SegmentTimeline}.
 *
 * @param timescale ticks per second of every time in this template and its timeline, positive
 * @param initialization URL template of the initialization segment, for example {@code
 *     $RepresentationID$/init.mp4}
 * @param media URL template of the media segments; contains {@code $Number$} or {@code $Time$}
 * @param startNumber number of the first segment of the timeline, not negative; {@code $Number$}
 *     then counts the timeline's segments one by one, gaps included (ISO/IEC 23009-1 §5.3.9.5.3),
 *     so a segment lost from the middle of a window must be addressed with {@code $Time$}
 * @param presentationTimeOffsetTicks media time that maps to the start of the Period
 * @param timeline the segments
 */
public record SegmentTemplate(
    int timescale,
    String initialization,
    String media,
    long startNumber,
    long presentationTimeOffsetTicks,
    SegmentTimeline timeline) {
  public SegmentTemplate {
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale must be positive: " + timescale);
    }
    if (initialization.isBlank()) {
      throw new IllegalArgumentException("initialization template must not be blank");
    }
    // ISO/IEC 23009-1 §5.3.9.4.4: with a SegmentTimeline, segments are addressed by $Number$ or
    // $Time$; without one of them every segment would get the same URL.
    if (!media.contains("$Number") && !media.contains("$Time")) {
      throw new IllegalArgumentException(
          "media template \"" + media + "\" needs $Number$ or $Time$");
    }
    if (startNumber < 0 || presentationTimeOffsetTicks < 0) {
      throw new IllegalArgumentException(
          "startNumber and presentationTimeOffset must not be negative: "
              + startNumber
              + ", "
              + presentationTimeOffsetTicks);
    }
  }

  /** Returns a template whose Period starts at media time 0 of the track. */
  public static SegmentTemplate of(
      int timescale,
      String initialization,
      String media,
      long startNumber,
      SegmentTimeline timeline) {
    return new SegmentTemplate(timescale, initialization, media, startNumber, 0, timeline);
  }
}
