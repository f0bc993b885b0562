package dev.abr.core.ladder;

import dev.abr.core.id.Ids;

/**
 * One rung of the video ladder as a user writes it: the target size of the short side (so a "1080p"
 * rung is 1920x1080 for a 16:9 landscape source and 1080x1920 for a portrait one) and the
 * rate-control settings.
 *
 * @param name rendition name, also a path segment ({@code [A-Za-z0-9_-]{1,64}})
 * @param height target short side in pixels, even
 * @param bitrateBitsPerSecond target average bit rate
 * @param maxrateBitsPerSecond VBV maximum rate
 * @param bufferSizeBits VBV buffer size
 * @param profile H.264 profile: {@code high}, {@code main} or {@code baseline}
 */
public record VideoRung(
    String name,
    int height,
    long bitrateBitsPerSecond,
    long maxrateBitsPerSecond,
    long bufferSizeBits,
    String profile) {
  public VideoRung {
    Ids.check("rendition name", name);
    if (height < 16 || height > 4320 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "rung " + name + ": height " + height + " must be an even number from 16 to 4320");
    }
    if (bitrateBitsPerSecond < 16_000) {
      throw new IllegalArgumentException(
          "rung " + name + ": bitrate " + bitrateBitsPerSecond + " bit/s is below 16000");
    }
    if (maxrateBitsPerSecond < bitrateBitsPerSecond) {
      throw new IllegalArgumentException(
          "rung "
              + name
              + ": maxrate "
              + maxrateBitsPerSecond
              + " is below its bitrate "
              + bitrateBitsPerSecond);
    }
    if (bufferSizeBits <= 0) {
      throw new IllegalArgumentException("rung " + name + ": bufferSize must be positive");
    }
    if (!H264Profile.isKnown(profile)) {
      throw new IllegalArgumentException(
          "rung " + name + ": unknown profile \"" + profile + "\" (use high, main or baseline)");
    }
  }
}
