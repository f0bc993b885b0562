package dev.abr.packager.hls;

/**
 * The pixel size of a variant's video, written as {@code RESOLUTION=1920x1080} (RFC 8216 §4.3.4.2).
 *
 * @param width width in pixels, positive
 * @param height height in pixels, positive
 */
public record Resolution(int width, int height) {
  public Resolution {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resolution must be positive: " + width + "x" + height);
    }
  }

  /** Returns {@code width x height}. */
  public static Resolution of(int width, int height) {
    return new Resolution(width, height);
  }

  /** Returns the attribute value, for example {@code 1920x1080}. */
  @Override
  public String toString() {
    return width + "x" + height;
  }
}
