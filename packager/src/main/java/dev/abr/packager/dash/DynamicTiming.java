package dev.abr.packager.dash;

import dev.abr.core.time.MediaTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The timing attributes of a dynamic (live) MPD (ISO/IEC 23009-1 §5.3.1.2, §5.4). Wall-clock
 * instants come from an injected clock, never from media time.
 *
 * @param availabilityStartTime wall-clock anchor of media time 0 of the first Period
 * @param publishTime when this version of the MPD was generated
 * @param minimumUpdatePeriod how long clients may wait before reloading the MPD; empty if it never
 *     changes again
 * @param timeShiftBufferDepth how far behind the live edge segments stay available
 * @param suggestedPresentationDelay how far behind the live edge clients should play
 * @param utcTimings clock sources for clients (DASH-IF IOP asks for at least one for live)
 */
public record DynamicTiming(
    Instant availabilityStartTime,
    Instant publishTime,
    Optional<MediaTime> minimumUpdatePeriod,
    Optional<MediaTime> timeShiftBufferDepth,
    Optional<MediaTime> suggestedPresentationDelay,
    List<Descriptor> utcTimings) {
  public DynamicTiming {
    utcTimings = List.copyOf(utcTimings);
    if (publishTime.isBefore(availabilityStartTime)) {
      throw new IllegalArgumentException(
          "publishTime "
              + publishTime
              + " is before availabilityStartTime "
              + availabilityStartTime);
    }
    checkNotNegative("minimumUpdatePeriod", minimumUpdatePeriod);
    checkNotNegative("timeShiftBufferDepth", timeShiftBufferDepth);
    checkNotNegative("suggestedPresentationDelay", suggestedPresentationDelay);
  }

  private static void checkNotNegative(String name, Optional<MediaTime> value) {
    if (value.isPresent() && value.get().isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value.get());
    }
  }
}
