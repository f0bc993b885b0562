package dev.abr.packager.hls;

import dev.abr.core.time.Rational;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code EXT-X-STREAM-INF} tag and its URI line (RFC 8216 §4.3.4.2): a rung of the ladder that
 * players switch between.
 *
 * @param bandwidthBitsPerSecond peak segment bit rate, {@code BANDWIDTH}; positive
 * @param averageBandwidthBitsPerSecond average bit rate, {@code AVERAGE-BANDWIDTH}; at most the
 *     peak
 * @param codecs the RFC 6381 codecs of every rendition the variant plays, for example {@code
 *     avc1.64001f,mp4a.40.2}, or {@code mp4a.40.2} alone for audio only
 * @param resolution video size; empty for audio-only variants
 * @param frameRate maximum video frame rate, written with three decimals; empty for audio only
 * @param audioGroupId the {@code GROUP-ID} of the audio renditions played with this variant
 * @param closedCaptionsNone whether to write {@code CLOSED-CAPTIONS=NONE}; if one variant of a
 *     playlist does, all must
 * @param uri the URI of the variant's media playlist, relative to the multivariant playlist
 */
public record VariantStream(
    long bandwidthBitsPerSecond,
    OptionalLong averageBandwidthBitsPerSecond,
    String codecs,
    Optional<Resolution> resolution,
    Optional<Rational> frameRate,
    Optional<String> audioGroupId,
    boolean closedCaptionsNone,
    String uri) {
  public VariantStream {
    if (bandwidthBitsPerSecond <= 0) {
      throw new IllegalArgumentException(
          "BANDWIDTH of " + uri + " must be positive: " + bandwidthBitsPerSecond);
    }
    if (averageBandwidthBitsPerSecond.isPresent()
        && (averageBandwidthBitsPerSecond.getAsLong() <= 0
            || averageBandwidthBitsPerSecond.getAsLong() > bandwidthBitsPerSecond)) {
      throw new IllegalArgumentException(
          "AVERAGE-BANDWIDTH of "
              + uri
              + " must be positive and at most BANDWIDTH "
              + bandwidthBitsPerSecond
              + ": "
              + averageBandwidthBitsPerSecond.getAsLong());
    }
    HlsText.quotedString("CODECS", codecs);
    audioGroupId.ifPresent(value -> HlsText.quotedString("AUDIO", value));
    HlsText.uriLine("variant URI", uri);
  }

  /**
   * Returns a video variant whose audio comes from the renditions of {@code audioGroupId}, with
   * {@code CLOSED-CAPTIONS=NONE}.
   */
  public static VariantStream video(
      long bandwidthBitsPerSecond,
      long averageBandwidthBitsPerSecond,
      String codecs,
      Resolution resolution,
      Rational frameRate,
      String audioGroupId,
      String uri) {
    return new VariantStream(
        bandwidthBitsPerSecond,
        OptionalLong.of(averageBandwidthBitsPerSecond),
        codecs,
        Optional.of(resolution),
        Optional.of(frameRate),
        Optional.of(audioGroupId),
        /* closedCaptionsNone= */ true,
        uri);
  }

  /** Returns an audio-only variant: no resolution, frame rate or audio group. */
  public static VariantStream audioOnly(
      long bandwidthBitsPerSecond, long averageBandwidthBitsPerSecond, String codecs, String uri) {
    return new VariantStream(
        bandwidthBitsPerSecond,
        OptionalLong.of(averageBandwidthBitsPerSecond),
        codecs,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        /* closedCaptionsNone= */ false,
        uri);
  }
}
