package dev.abr.ingest.live;

import dev.abr.core.id.Ids;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.time.Rational;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A live stream as created through the API. Holds nothing secret: the stream's key is derived from
 * the server secret and {@link #keyGeneration} (see {@link StreamKeys}); a pull source's URL may
 * carry credentials and is only ever shown redacted.
 *
 * @param id public stream id: output paths, logs, metrics and messages name the stream by it
 * @param name a human name
 * @param ladder the ladder to encode
 * @param segmentDuration target segment duration in seconds (default 2)
 * @param windowSegments segments in the live playlists (default 6)
 * @param dvrSegments a longer window kept for seeking back, if any (0 keeps everything)
 * @param keyGeneration bumped when the key is rotated: the previous key stops working
 * @param pull for a pulled source (UDP MPEG-TS, RTSP, SRT caller): where to read it; empty for
 *     pushed streams (RTMP, SRT listener)
 * @param createdAt when the stream was created
 */
public record LiveStreamConfig(
    String id,
    String name,
    Ladder ladder,
    Rational segmentDuration,
    int windowSegments,
    Optional<Integer> dvrSegments,
    int keyGeneration,
    Optional<PullSource> pull,
    Instant createdAt) {
  /** Default target segment duration: 2 s. */
  public static final Rational DEFAULT_SEGMENT_DURATION = Rational.of(2);

  /** Default live window: 6 segments. */
  public static final int DEFAULT_WINDOW_SEGMENTS = 6;

  public LiveStreamConfig {
    Ids.check("stream id", id);
    if (id.length() > 48) {
      throw new IllegalArgumentException("a stream id has at most 48 characters: " + id);
    }
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("a stream name needs 1 to 200 characters");
    }
    if (segmentDuration.compareTo(Rational.of(1)) < 0
        || segmentDuration.compareTo(Rational.of(10)) > 0) {
      throw new IllegalArgumentException(
          "segment duration " + segmentDuration + " s must be from 1 to 10");
    }
    if (windowSegments < 3 || windowSegments > 100) {
      throw new IllegalArgumentException(
          "the live window needs 3 to 100 segments: " + windowSegments);
    }
    int minimum = minimumWindowSegments(segmentDuration);
    if (windowSegments < minimum) {
      throw new IllegalArgumentException(
          "a live window of "
              + windowSegments
              + " segments of "
              + segmentDuration
              + " s is too short: a live playlist"
              + " must last three target durations (RFC 8216 6.2.2), and segments can last up to one and a half"
              + " times the target; use at least "
              + minimum
              + " segments");
    }
    dvrSegments.ifPresent(
        dvr -> {
          if (dvr != 0 && (dvr < windowSegments || dvr > 100_000)) {
            throw new IllegalArgumentException(
                "the DVR window must be 0 (keep everything) or from the live window ("
                    + windowSegments
                    + ") to 100000 segments: "
                    + dvr);
          }
        });
    if (keyGeneration < 0) {
      throw new IllegalArgumentException("key generation must not be negative: " + keyGeneration);
    }
  }

  /**
   * The shortest live window for {@code segmentDuration}: the playlist must last three target
   * durations, and the target duration is the longest segment (one and a half segment durations)
   * rounded up to whole seconds.
   */
  public static int minimumWindowSegments(Rational segmentDuration) {
    Rational longest = segmentDuration.times(Rational.of(3, 2));
    long target = longest.toDecimal(0, java.math.RoundingMode.CEILING).longValueExact();
    Rational needed = Rational.of(3 * target);
    long segments =
        needed
            .times(segmentDuration.reciprocal())
            .toDecimal(0, java.math.RoundingMode.CEILING)
            .longValueExact();
    return (int) Math.max(3, segments);
  }

  /** A pushed stream named {@code name} with the defaults, created at {@code now}. */
  public static LiveStreamConfig of(String id, String name, Ladder ladder, Instant now) {
    return new LiveStreamConfig(
        id,
        name,
        ladder,
        DEFAULT_SEGMENT_DURATION,
        DEFAULT_WINDOW_SEGMENTS,
        Optional.empty(),
        0,
        Optional.empty(),
        now);
  }

  /** The same stream with its key rotated. */
  public LiveStreamConfig withNextKey() {
    return new LiveStreamConfig(
        id,
        name,
        ladder,
        segmentDuration,
        windowSegments,
        dvrSegments,
        keyGeneration + 1,
        pull,
        createdAt);
  }

  /**
   * A source the ingest reads (pulls) rather than one that pushes to us.
   *
   * @param url {@code udp://}, {@code rtp://}, {@code rtsp://} or {@code srt://} (caller)
   * @param rtspTransport for RTSP: {@code tcp} (interleaved, the default) or {@code udp}
   */
  public record PullSource(URI url, String rtspTransport) {
    public PullSource {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("udp")
          && !scheme.equals("rtp")
          && !scheme.equals("rtsp")
          && !scheme.equals("srt")) {
        throw new IllegalArgumentException(
            "a pull source is udp://, rtp://, rtsp:// or srt://, not "
                + (scheme.isEmpty() ? "a URL without a scheme" : scheme + "://"));
      }
      if (!rtspTransport.equals("tcp") && !rtspTransport.equals("udp")) {
        throw new IllegalArgumentException("rtspTransport must be tcp or udp: " + rtspTransport);
      }
    }

    /** The URL with any user info and query (where passphrases and passwords go) masked. */
    public String redacted() {
      String userInfo = url.getRawUserInfo() == null ? "" : "***@";
      String port = url.getPort() < 0 ? "" : ":" + url.getPort();
      String path = url.getRawPath() == null ? "" : url.getRawPath();
      String query = url.getRawQuery() == null ? "" : "?***";
      return url.getScheme() + "://" + userInfo + url.getHost() + port + path + query;
    }

    @Override
    public String toString() {
      return "PullSource[" + redacted() + ", " + rtspTransport + "]";
    }
  }
}
