package dev.abr.packager.hls;

import dev.abr.core.time.MediaTime;
import java.time.Instant;
import java.util.Optional;

/**
 * One media segment of a media playlist (RFC 8216 §3, §4.3.2).
 *
 * @param duration exact duration, positive; written as {@code EXTINF} seconds
 * @param uri its URI, relative to the media playlist
 * @param byteRange the sub-range of {@code uri} holding the segment; empty for the whole resource
 * @param programDateTime wall-clock time of the segment's first sample, written as {@code
 *     EXT-X-PROGRAM-DATE-TIME} in UTC with millisecond precision
 * @param discontinuity whether an {@code EXT-X-DISCONTINUITY} precedes the segment (encoding,
 *     timestamps or format change)
 */
public record MediaSegment(
    MediaTime duration,
    String uri,
    Optional<ByteRange> byteRange,
    Optional<Instant> programDateTime,
    boolean discontinuity) {
  public MediaSegment {
    if (duration.ticks() <= 0) {
      throw new IllegalArgumentException(
          "segment " + uri + " must have a positive duration: " + duration);
    }
    HlsText.uriLine("segment URI", uri);
  }

  /** Returns a whole-resource segment without date or discontinuity. */
  public static MediaSegment of(MediaTime duration, String uri) {
    return new MediaSegment(duration, uri, Optional.empty(), Optional.empty(), false);
  }

  /** Returns this segment with {@code programDateTime}. */
  public MediaSegment withProgramDateTime(Instant programDateTime) {
    return new MediaSegment(duration, uri, byteRange, Optional.of(programDateTime), discontinuity);
  }

  /** Returns this segment preceded by a discontinuity. */
  public MediaSegment withDiscontinuity() {
    return new MediaSegment(duration, uri, byteRange, programDateTime, true);
  }

  /** Returns this segment as the sub-range {@code byteRange} of its URI. */
  public MediaSegment withByteRange(ByteRange byteRange) {
    return new MediaSegment(duration, uri, Optional.of(byteRange), programDateTime, discontinuity);
  }
}
