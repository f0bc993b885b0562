package dev.abr.packager.hls;

import dev.abr.core.time.MediaTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders playlists as text. The output is deterministic: fixed tag and attribute order, {@code \n}
 * line endings, a final newline, numbers formatted with {@link Locale#ROOT}. Pure functions; safe
 * from any thread.
 */
public final class HlsWriter {
  /** Digits after the decimal point of every {@code EXTINF}. */
  public static final int EXTINF_DECIMALS = 3;

  /** Digits after the decimal point of {@code FRAME-RATE} (RFC 8216 §4.3.4.2 says three). */
  private static final int FRAME_RATE_DECIMALS = 3;

  // RFC 8216 §4.3.2.6: an ISO/IEC 8601:2004 date/time with time zone; UTC with milliseconds.
  private static final DateTimeFormatter PROGRAM_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private HlsWriter() {}

  /** Returns the text of a multivariant playlist: renditions first, then variants in order. */
  public static String write(MultivariantPlaylist playlist) {
    StringBuilder out = new StringBuilder();
    line(out, "#EXTM3U");
    line(out, "#EXT-X-VERSION:" + playlist.version());
    if (playlist.independentSegments()) {
      line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
    }
    for (Rendition rendition : playlist.renditions()) {
      line(out, media(rendition));
    }
    for (VariantStream variant : playlist.variants()) {
      line(out, streamInf(variant));
      line(out, variant.uri());
    }
    return out.toString();
  }

  /**
   * Returns the text of a media playlist whose target duration is {@link
   * TargetDurationPolicy#ceilOfLongest()}.
   */
  public static String write(MediaPlaylist playlist) {
    return write(playlist, TargetDurationPolicy.ceilOfLongest());
  }

  /**
   * Returns the text of a media playlist, its {@code EXT-X-TARGETDURATION} chosen by {@code
   * policy}.
   *
   * @throws IllegalArgumentException if the policy's target is below a segment's {@code EXTINF}
   *     rounded to the nearest integer (RFC 8216 §4.3.3.1)
   */
  public static String write(MediaPlaylist playlist, TargetDurationPolicy policy) {
    List<MediaTime> durations = playlist.segments().stream().map(MediaSegment::duration).toList();
    long targetSeconds = policy.targetDurationSeconds(durations);
    checkTargetDuration(playlist.segments(), targetSeconds);

    StringBuilder out = new StringBuilder();
    line(out, "#EXTM3U");
    line(out, "#EXT-X-VERSION:" + playlist.version());
    line(out, "#EXT-X-TARGETDURATION:" + targetSeconds);
    line(out, "#EXT-X-MEDIA-SEQUENCE:" + playlist.mediaSequence());
    if (playlist.discontinuitySequence() != 0) {
      line(out, "#EXT-X-DISCONTINUITY-SEQUENCE:" + playlist.discontinuitySequence());
    }
    playlist.type().ifPresent(type -> line(out, "#EXT-X-PLAYLIST-TYPE:" + type.name()));
    if (playlist.independentSegments()) {
      line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
    }
    playlist.map().ifPresent(map -> line(out, "#EXT-X-MAP:URI=" + quoted(map.uri())));
    for (MediaSegment segment : playlist.segments()) {
      if (segment.discontinuity()) {
        line(out, "#EXT-X-DISCONTINUITY");
      }
      segment
          .programDateTime()
          .ifPresent(time -> line(out, "#EXT-X-PROGRAM-DATE-TIME:" + programDateTime(time)));
      line(out, "#EXTINF:" + extinfSeconds(segment.duration()).toPlainString() + ",");
      segment.byteRange().ifPresent(range -> line(out, "#EXT-X-BYTERANGE:" + range));
      line(out, segment.uri());
    }
    if (playlist.endList()) {
      line(out, "#EXT-X-ENDLIST");
    }
    return out.toString();
  }

  /** The {@code EXTINF} value of {@code duration}: {@value #EXTINF_DECIMALS} decimals, half up. */
  static BigDecimal extinfSeconds(MediaTime duration) {
    return duration.toSeconds(EXTINF_DECIMALS, RoundingMode.HALF_UP);
  }

  /** The {@code EXT-X-PROGRAM-DATE-TIME} value: UTC, milliseconds, truncated. */
  static String programDateTime(Instant time) {
    return PROGRAM_DATE_TIME.format(time);
  }

  private static void checkTargetDuration(List<MediaSegment> segments, long targetSeconds) {
    if (targetSeconds <= 0) {
      throw new IllegalArgumentException("target duration must be positive: " + targetSeconds);
    }
    for (MediaSegment segment : segments) {
      BigDecimal extinf = extinfSeconds(segment.duration());
      // RFC 8216 §4.3.3.1: EXTINF rounded to the nearest integer MUST be <= the target duration.
      long rounded = extinf.setScale(0, RoundingMode.HALF_UP).longValueExact();
      if (rounded > targetSeconds) {
        throw new IllegalArgumentException(
            "segment "
                + segment.uri()
                + " lasts "
                + extinf.toPlainString()
                + " s, which rounds to "
                + rounded
                + " s, above the target duration of "
                + targetSeconds
                + " s; raise the target duration or shorten the segments");
      }
    }
  }

  private static String media(Rendition rendition) {
    StringBuilder tag = new StringBuilder("#EXT-X-MEDIA:");
    tag.append("TYPE=").append(rendition.type().name());
    tag.append(",GROUP-ID=").append(quoted(rendition.groupId()));
    tag.append(",NAME=").append(quoted(rendition.name()));
    rendition.language().ifPresent(language -> tag.append(",LANGUAGE=").append(quoted(language)));
    tag.append(",DEFAULT=").append(yesNo(rendition.isDefault()));
    tag.append(",AUTOSELECT=").append(yesNo(rendition.autoselect()));
    rendition
        .channelCount()
        .ifPresent(channels -> tag.append(",CHANNELS=").append(quoted(Integer.toString(channels))));
    rendition.uri().ifPresent(uri -> tag.append(",URI=").append(quoted(uri)));
    return tag.toString();
  }

  private static String streamInf(VariantStream variant) {
    StringBuilder tag = new StringBuilder("#EXT-X-STREAM-INF:");
    tag.append("BANDWIDTH=").append(variant.bandwidthBitsPerSecond());
    variant
        .averageBandwidthBitsPerSecond()
        .ifPresent(average -> tag.append(",AVERAGE-BANDWIDTH=").append(average));
    tag.append(",CODECS=").append(quoted(variant.codecs()));
    variant.resolution().ifPresent(resolution -> tag.append(",RESOLUTION=").append(resolution));
    variant
        .frameRate()
        .ifPresent(
            rate ->
                tag.append(",FRAME-RATE=")
                    .append(
                        rate.toDecimal(FRAME_RATE_DECIMALS, RoundingMode.HALF_UP).toPlainString()));
    variant.audioGroupId().ifPresent(group -> tag.append(",AUDIO=").append(quoted(group)));
    if (variant.closedCaptionsNone()) {
      tag.append(",CLOSED-CAPTIONS=NONE");
    }
    return tag.toString();
  }

  private static String quoted(String value) {
    return '"' + value + '"';
  }

  private static String yesNo(boolean value) {
    return value ? "YES" : "NO";
  }

  private static void line(StringBuilder out, String line) {
    out.append(line).append('\n');
  }
}
