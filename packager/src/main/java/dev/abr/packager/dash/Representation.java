package dev.abr.packager.dash;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One encoding of a track (ISO/IEC 23009-1 §5.3.5): a rung of the video ladder or an audio
 * rendition.
 *
 * @param id unique within its Period, no whitespace; substituted for {@code $RepresentationID$}
 * @param bandwidthBitsPerSecond {@code @bandwidth}: the bit rate the representation needs (ISO/IEC
 *     23009-1 §5.3.5.2), positive, at most 2^32-1
 * @param codecs RFC 6381 codecs, for example {@code avc1.64001f} or {@code mp4a.40.2}
 * @param width video width in pixels; empty for audio
 * @param height video height in pixels; empty for audio
 * @param sampleAspectRatio {@code @sar}; empty for audio
 * @param audioSamplingRate sample rate in Hz; empty for video
 * @param segmentTemplate its segments; {@link MpdWriter} writes it once on the AdaptationSet when
 *     every representation of the set has the same one
 */
public record Representation(
    String id,
    long bandwidthBitsPerSecond,
    String codecs,
    OptionalInt width,
    OptionalInt height,
    Optional<AspectRatio> sampleAspectRatio,
    OptionalInt audioSamplingRate,
    SegmentTemplate segmentTemplate) {
  private static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

  public Representation {
    // ISO/IEC 23009-1 §5.3.5.2: @id is a string without whitespace.
    if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
      throw new IllegalArgumentException(
          "representation id must be non-empty without spaces: \"" + id + "\"");
    }
    if (bandwidthBitsPerSecond <= 0 || bandwidthBitsPerSecond > MAX_UNSIGNED_INT) {
      throw new IllegalArgumentException(
          "bandwidth of representation " + id + " out of range: " + bandwidthBitsPerSecond);
    }
    if (codecs.isBlank()) {
      throw new IllegalArgumentException("representation " + id + " needs codecs");
    }
    if (width.isPresent() != height.isPresent()) {
      throw new IllegalArgumentException(
          "representation " + id + " must have both width and height or neither");
    }
    checkPositive(id, "width", width);
    checkPositive(id, "height", height);
    checkPositive(id, "audioSamplingRate", audioSamplingRate);
  }

  /** Returns a video representation with square pixels. */
  public static Representation video(
      String id,
      long bandwidthBitsPerSecond,
      String codecs,
      int width,
      int height,
      SegmentTemplate segmentTemplate) {
    return new Representation(
        id,
        bandwidthBitsPerSecond,
        codecs,
        OptionalInt.of(width),
        OptionalInt.of(height),
        Optional.of(AspectRatio.SQUARE),
        OptionalInt.empty(),
        segmentTemplate);
  }

  /** Returns an audio representation. */
  public static Representation audio(
      String id,
      long bandwidthBitsPerSecond,
      String codecs,
      int samplingRate,
      SegmentTemplate segmentTemplate) {
    return new Representation(
        id,
        bandwidthBitsPerSecond,
        codecs,
        OptionalInt.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        OptionalInt.of(samplingRate),
        segmentTemplate);
  }

  private static void checkPositive(String id, String name, OptionalInt value) {
    if (value.isPresent() && value.getAsInt() <= 0) {
      throw new IllegalArgumentException(
          name + " of representation " + id + " must be positive: " + value.getAsInt());
    }
  }
}
