package dev.abr.testkit.player;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a player's playhead is on the wall clock while it plays a live stream.
 *
 * @param playingDate the wall-clock time of the playhead as the player maps it (hls.js from {@code
 *     EXT-X-PROGRAM-DATE-TIME}, dash.js from {@code availabilityStartTime}, {@code Period@start}
 *     and {@code presentationTimeOffset}); empty until the player knows it
 * @param playerLatency the player's own estimate of its distance to the live edge (hls.js {@code
 *     latency}, dash.js {@code getCurrentLiveLatency()}); empty when it has none
 * @param browserNow the browser's clock when the position was read
 */
public record LivePosition(
    Optional<Instant> playingDate, Optional<Duration> playerLatency, Instant browserNow) {}
