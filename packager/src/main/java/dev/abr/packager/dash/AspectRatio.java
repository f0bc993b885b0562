package dev.abr.packager.dash;

/**
 * A ratio written as {@code h:v}, for {@code @par} (picture aspect ratio) and {@code @sar} (sample
 * aspect ratio) (ISO/IEC 23009-1 §5.3.3.2, §5.3.7.2).
 *
 * @param horizontal horizontal part, positive
 * @param vertical vertical part, positive
 */
public record AspectRatio(int horizontal, int vertical) {
  /** Square pixels. */
  public static final AspectRatio SQUARE = new AspectRatio(1, 1);

  public AspectRatio {
    if (horizontal <= 0 || vertical <= 0) {
      throw new IllegalArgumentException(
          "aspect ratio parts must be positive: " + horizontal + ":" + vertical);
    }
  }

  /** Returns {@code horizontal:vertical}. */
  public static AspectRatio of(int horizontal, int vertical) {
    return new AspectRatio(horizontal, vertical);
  }

  /** Returns the attribute value, for example {@code 16:9}. */
  @Override
  public String toString() {
    return horizontal + ":" + vertical;
  }
}
