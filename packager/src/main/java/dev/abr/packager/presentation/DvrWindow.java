package dev.abr.packager.presentation;

import java.util.OptionalInt;

/**
 * A DVR window: how far back viewers of a live stream may seek, longer than the live window.
 *
 * @param segments how many segments the manifests keep; empty keeps every segment (an HLS {@code
 *     EVENT} playlist and an MPD without {@code timeShiftBufferDepth})
 */
public record DvrWindow(OptionalInt segments) {
  public DvrWindow {
    if (segments.isPresent() && segments.getAsInt() <= 0) {
      throw new IllegalArgumentException(
          "a DVR window needs a positive segment count: " + segments.getAsInt());
    }
  }

  /** A window of the last {@code segments} segments. */
  public static DvrWindow of(int segments) {
    return new DvrWindow(OptionalInt.of(segments));
  }

  /** A window that keeps every segment since the stream started. */
  public static DvrWindow unbounded() {
    return new DvrWindow(OptionalInt.empty());
  }

  /** Whether every segment is kept. */
  public boolean isUnbounded() {
    return segments.isEmpty();
  }
}
