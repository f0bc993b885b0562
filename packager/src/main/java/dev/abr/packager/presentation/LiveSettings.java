package dev.abr.packager.presentation;

import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a live presentation is described: windows, target duration, DASH timing and the declared
 * bandwidth. Fixed for the life of a stream: {@code EXT-X-TARGETDURATION}, {@code BANDWIDTH} and
 * the MPD's timing attributes are derived from it, never from the segments of the moment.
 *
 * @param segmentDuration the configured segment duration in seconds; also the MPD's {@code
 *     minimumUpdatePeriod} (a new segment, hence a new MPD, comes about that often)
 * @param maxSegmentDuration the longest segment the chunker may cut (its cap), at least {@code
 *     segmentDuration}; {@code EXT-X-TARGETDURATION} is this rounded up to whole seconds
 * @param windowSegments the live window: how many segments the playlists and the MPD list without a
 *     DVR window (default {@value #DEFAULT_WINDOW_SEGMENTS}); it must last at least three target
 *     durations (RFC 8216 §6.2.2)
 * @param dvr an optional DVR window, longer than the live window; with it the manifests list the
 *     DVR window
 * @param presentationDelaySegments the MPD's {@code suggestedPresentationDelay} in segments
 *     (default {@value #DEFAULT_PRESENTATION_DELAY_SEGMENTS}, what hls.js uses for HLS); at most
 *     the live window
 * @param minBufferSeconds the MPD's {@code minBufferTime}
 * @param utcTimingUrl where players read the time ({@code UTCTiming}, {@code
 *     urn:mpeg:dash:utc:http-iso:2014}): the origin's time endpoint, for example {@code
 *     https://origin.example/time} or {@code /time}
 * @param bandwidthHeadroom the factor from a rendition's declared bit rate to the peak segment bit
 *     rate live manifests advertise, at least 1 (default {@link #DEFAULT_BANDWIDTH_HEADROOM})
 */
public record LiveSettings(
    Rational segmentDuration,
    Rational maxSegmentDuration,
    int windowSegments,
    Optional<DvrWindow> dvr,
    int presentationDelaySegments,
    Rational minBufferSeconds,
    String utcTimingUrl,
    Rational bandwidthHeadroom) {
  /** The live window of the playlists, in segments. */
  public static final int DEFAULT_WINDOW_SEGMENTS = 6;

  /** How many segments behind the live edge DASH players should play. */
  public static final int DEFAULT_PRESENTATION_DELAY_SEGMENTS = 3;

  /**
   * 3/2: the built-in ladders encode with a VBV maxrate of 1.07 times the bit rate and a buffer of
   * 1.5 times, so a 2 s segment may in theory reach 1.82 times the bit rate; measured peaks of 2 s
   * segments stay well below 1.5. Too low a value makes players pick a rung they cannot sustain;
   * too high only makes them a little cautious.
   */
  public static final Rational DEFAULT_BANDWIDTH_HEADROOM = Rational.of(3, 2);

  public LiveSettings {
    if (maxSegmentDuration.compareTo(segmentDuration) < 0) {
      throw new IllegalArgumentException(
          "the longest segment ("
              + maxSegmentDuration
              + " s) cannot be shorter than the segment duration ("
              + segmentDuration
              + " s)");
    }
    if (windowSegments < 1) {
      throw new IllegalArgumentException(
          "the live window needs at least one segment: " + windowSegments);
    }
    long targetSeconds = maxSegmentDuration.ticksPer(1, RoundingMode.CEILING);
    // RFC 8216 §6.2.2: a live playlist must never last less than three target durations.
    if (segmentDuration.times(Rational.of(windowSegments)).compareTo(Rational.of(3 * targetSeconds))
        < 0) {
      throw new IllegalArgumentException(
          "a live window of "
              + windowSegments
              + " segments of "
              + segmentDuration
              + " s lasts less than three target durations of "
              + targetSeconds
              + " s (RFC 8216 §6.2.2); widen the window");
    }
    if (dvr.isPresent()
        && dvr.get().segments().isPresent()
        && dvr.get().segments().getAsInt() <= windowSegments) {
      throw new IllegalArgumentException(
          "a DVR window of "
              + dvr.get().segments().getAsInt()
              + " segments is not longer than the live window of "
              + windowSegments);
    }
    if (presentationDelaySegments < 1 || presentationDelaySegments > windowSegments) {
      throw new IllegalArgumentException(
          "the presentation delay must be 1 to "
              + windowSegments
              + " segments (the live window): "
              + presentationDelaySegments);
    }
    if (utcTimingUrl.isBlank() || utcTimingUrl.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "the UTCTiming URL must be non-blank without spaces: \"" + utcTimingUrl + "\"");
    }
    if (bandwidthHeadroom.compareTo(Rational.of(1)) < 0) {
      throw new IllegalArgumentException(
          "the bandwidth headroom must be at least 1: " + bandwidthHeadroom);
    }
  }

  /**
   * Returns the defaults for {@code segmentDuration}: no longer segments, a live window of {@value
   * #DEFAULT_WINDOW_SEGMENTS} segments, no DVR window, a presentation delay of {@value
   * #DEFAULT_PRESENTATION_DELAY_SEGMENTS} segments, a minimum buffer of one segment and {@link
   * #DEFAULT_BANDWIDTH_HEADROOM}.
   */
  public static LiveSettings of(Rational segmentDuration, String utcTimingUrl) {
    return new LiveSettings(
        segmentDuration,
        segmentDuration,
        DEFAULT_WINDOW_SEGMENTS,
        Optional.empty(),
        DEFAULT_PRESENTATION_DELAY_SEGMENTS,
        segmentDuration,
        utcTimingUrl,
        DEFAULT_BANDWIDTH_HEADROOM);
  }

  /** Returns these settings with the chunker's cap {@code maxSegmentDuration}. */
  public LiveSettings withMaxSegmentDuration(Rational maxSegmentDuration) {
    return new LiveSettings(
        segmentDuration,
        maxSegmentDuration,
        windowSegments,
        dvr,
        presentationDelaySegments,
        minBufferSeconds,
        utcTimingUrl,
        bandwidthHeadroom);
  }

  /** Returns these settings with a live window of {@code windowSegments}. */
  public LiveSettings withWindowSegments(int windowSegments) {
    return new LiveSettings(
        segmentDuration,
        maxSegmentDuration,
        windowSegments,
        dvr,
        presentationDelaySegments,
        minBufferSeconds,
        utcTimingUrl,
        bandwidthHeadroom);
  }

  /** Returns these settings with the DVR window {@code dvr}. */
  public LiveSettings withDvr(DvrWindow dvr) {
    return new LiveSettings(
        segmentDuration,
        maxSegmentDuration,
        windowSegments,
        Optional.of(dvr),
        presentationDelaySegments,
        minBufferSeconds,
        utcTimingUrl,
        bandwidthHeadroom);
  }

  /**
   * The {@code EXT-X-TARGETDURATION} of every media playlist of the stream: {@link
   * #maxSegmentDuration()} rounded up to whole seconds. It never changes while the stream runs (RFC
   * 8216 §6.2.1), so it cannot come from the segments in the window.
   */
  public long targetDurationSeconds() {
    return maxSegmentDuration.ticksPer(1, RoundingMode.CEILING);
  }

  /** The shortest a live playlist may last: three target durations (RFC 8216 §6.2.2). */
  public MediaTime minimumPlaylistDuration() {
    return MediaTime.of(3 * targetDurationSeconds(), 1);
  }

  /**
   * How many segments the manifests list: the DVR window if there is one, else the live window;
   * empty when every segment is kept.
   */
  public OptionalInt listedSegments() {
    if (dvr.isPresent()) {
      return dvr.get().segments();
    }
    return OptionalInt.of(windowSegments);
  }

  /** Whether the playlists keep every segment: an {@code EVENT} playlist (RFC 8216 §4.3.3.5). */
  public boolean keepsEverySegment() {
    return dvr.isPresent() && dvr.get().isUnbounded();
  }

  /** {@code segmentDuration} as a media time in milliseconds, rounded up. */
  MediaTime segmentDurationMillis() {
    return millis(segmentDuration);
  }

  /** {@code minBufferSeconds} as a media time in milliseconds, rounded up. */
  MediaTime minBufferTime() {
    return millis(minBufferSeconds);
  }

  /** {@code segments} nominal segment durations, in milliseconds, rounded up. */
  MediaTime segmentsDuration(long segments) {
    return millis(segmentDuration.times(Rational.of(segments)));
  }

  private static MediaTime millis(Rational seconds) {
    return MediaTime.of(seconds.ticksPer(1_000, RoundingMode.CEILING), 1_000);
  }
}
