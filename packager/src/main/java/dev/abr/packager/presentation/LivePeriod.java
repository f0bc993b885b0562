package dev.abr.packager.presentation;

import dev.abr.core.time.MediaTime;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a DASH Period of a live presentation starts: the stream's first segment opens period 0, and
 * every segment published after a discontinuity opens the next one.
 *
 * <p>Media time maps to wall-clock time inside a period as {@code wallClockStart + (t -
 * mediaStart)}: the caller's program date times must follow it (see {@link
 * LivePresentation#append}), and the MPD states it with {@code Period@start} and {@code
 * presentationTimeOffset}.
 *
 * @param index 0 for the stream's first period, then 1, 2, … (also the DASH {@code Period@id})
 * @param firstSequence the number of the period's first segment
 * @param mediaStart the start ({@code tfdt}) of the period's first segment in the reference
 *     rendition (the presentation's first), at its timescale; not negative
 * @param wallClockStart the program date time of that segment, to the millisecond
 */
public record LivePeriod(
    int index, long firstSequence, MediaTime mediaStart, Instant wallClockStart) {
  public LivePeriod {
    if (index < 0 || firstSequence < 0 || mediaStart.isNegative()) {
      throw new IllegalArgumentException(
          "period "
              + index
              + " needs a non-negative index, first segment and media start: "
              + firstSequence
              + ", "
              + mediaStart);
    }
    if (!wallClockStart.truncatedTo(ChronoUnit.MILLIS).equals(wallClockStart)) {
      throw new IllegalArgumentException(
          "period " + index + " starts at " + wallClockStart + ", finer than a millisecond");
    }
  }

  /**
   * The period's start media time at {@code timescale}, rounded down: the {@code
   * presentationTimeOffset} of a rendition at that timescale. Every rendition shares the reference
   * rendition's clock, so an audio segment that starts a few samples before or after the video
   * keeps that offset on the wall clock.
   */
  public long presentationTimeOffsetTicks(int timescale) {
    return mediaStart.ticksAt(timescale, RoundingMode.FLOOR);
  }

  /**
   * The wall-clock time of media time {@code ticks} of a rendition at {@code timescale} in this
   * period, rounded down to the millisecond.
   */
  public Instant wallClockAt(long ticks, int timescale) {
    long elapsed = ticks - presentationTimeOffsetTicks(timescale);
    return wallClockStart.plusMillis(
        MediaTime.of(elapsed, timescale).ticksAt(1_000, RoundingMode.FLOOR));
  }
}
