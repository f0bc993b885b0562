package dev.abr.packager.hls;

import dev.abr.core.time.MediaTime;
import java.math.RoundingMode;
import java.util.List;

/**
 * Chooses a media playlist's {@code EXT-X-TARGETDURATION}, in whole seconds. Whatever the policy,
 * {@link HlsWriter} refuses a target that breaks RFC 8216 §4.3.3.1: every {@code EXTINF}, rounded
 * to the nearest integer, must be at most the target duration.
 */
@FunctionalInterface
public interface TargetDurationPolicy {
  /**
   * Returns the target duration in seconds for segments of {@code segmentDurations}.
   *
   * @param segmentDurations the exact durations of the playlist's segments, at least one
   */
  long targetDurationSeconds(List<MediaTime> segmentDurations);

  /**
   * The default (Shaka Packager's): the longest segment's duration rounded up to whole seconds. It
   * is never below the rounded {@code EXTINF}s, whatever their number of decimals.
   */
  static TargetDurationPolicy ceilOfLongest() {
    return durations ->
        durations.stream()
            .mapToLong(d -> d.toSeconds(0, RoundingMode.CEILING).longValueExact())
            .max()
            .orElseThrow(() -> new IllegalArgumentException("no segment durations"));
  }

  /**
   * Always {@code seconds}, for live playlists, whose target duration must not change from one
   * reload to the next (RFC 8216 §6.2.1), so it is set from the configured segment duration rather
   * than from the segments in the window.
   *
   * @throws IllegalArgumentException if {@code seconds} is not positive
   */
  static TargetDurationPolicy fixed(long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("target duration must be positive: " + seconds);
    }
    return durations -> seconds;
  }
}
