package dev.abr.core.source;

import dev.abr.core.time.Rational;

/**
 * What probing found about a source's video stream.
 *
 * @param codec FFmpeg codec name, for example {@code h264}
 * @param width coded width in pixels
 * @param height coded height in pixels
 * @param sampleAspectRatio pixel aspect ratio (1 for square pixels)
 * @param rotationDegrees clockwise rotation to apply for display: 0, 90, 180 or 270
 * @param frameRate nominal frame rate
 * @param interlaced true if the stream is coded as fields
 */
public record SourceVideo(
    String codec,
    int width,
    int height,
    Rational sampleAspectRatio,
    int rotationDegrees,
    Rational frameRate,
    boolean interlaced) {
  public SourceVideo {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("video size " + width + "x" + height + " is not positive");
    }
    if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
      throw new IllegalArgumentException(
          "rotation " + rotationDegrees + " is not 0, 90, 180 or 270");
    }
  }

  /** Display width after pixel aspect ratio and rotation. */
  public int displayWidth() {
    return rotationDegrees % 180 == 0 ? squareWidth() : height;
  }

  /** Display height after pixel aspect ratio and rotation. */
  public int displayHeight() {
    return rotationDegrees % 180 == 0 ? height : squareWidth();
  }

  private int squareWidth() {
    return (int)
        Math.max(
            1,
            Math.round(
                (double) width * sampleAspectRatio.numerator() / sampleAspectRatio.denominator()));
  }
}
