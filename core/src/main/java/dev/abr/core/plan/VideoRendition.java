package dev.abr.core.plan;

import dev.abr.core.id.Ids;

/**
 * One video rendition as the transcoder encodes it: every number resolved for this source.
 *
 * @param name rendition name ({@code [A-Za-z0-9_-]{1,64}})
 * @param codec {@code h264}
 * @param width output width in pixels, even
 * @param height output height in pixels, even
 * @param bitrateBitsPerSecond target average bit rate
 * @param maxrateBitsPerSecond VBV maximum rate
 * @param bufferSizeBits VBV buffer size
 * @param profile H.264 profile name ({@code high}, {@code main}, {@code baseline})
 * @param level H.264 level, for example {@code 4.0}
 * @param preset x264 preset
 */
public record VideoRendition(
    String name,
    String codec,
    int width,
    int height,
    long bitrateBitsPerSecond,
    long maxrateBitsPerSecond,
    long bufferSizeBits,
    String profile,
    String level,
    String preset) {
  public VideoRendition {
    Ids.check("rendition name", name);
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "rendition " + name + ": size " + width + "x" + height + " must be positive and even");
    }
  }
}
