package dev.abr.cmaf.box;

/**
 * {@code pasp} — ISO/IEC 14496-12 §12.1.4: the relative width and height of a pixel.
 *
 * @param horizontalSpacing relative pixel width, positive
 * @param verticalSpacing relative pixel height, positive
 */
public record PixelAspectRatioBox(long horizontalSpacing, long verticalSpacing) implements Box {
  public static final FourCc TYPE = FourCc.of("pasp");

  /** Square pixels. */
  public static final PixelAspectRatioBox SQUARE = new PixelAspectRatioBox(1, 1);

  public PixelAspectRatioBox {
    FieldRanges.u32(horizontalSpacing, "hSpacing");
    FieldRanges.u32(verticalSpacing, "vSpacing");
    if (horizontalSpacing == 0 || verticalSpacing == 0) {
      throw new IllegalArgumentException(
          "pixel spacing must be positive: " + horizontalSpacing + ":" + verticalSpacing);
    }
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeU32(horizontalSpacing);
    out.writeU32(verticalSpacing);
  }

  static PixelAspectRatioBox read(BoxInput in) {
    return new PixelAspectRatioBox(in.readU32(), in.readU32());
  }
}
