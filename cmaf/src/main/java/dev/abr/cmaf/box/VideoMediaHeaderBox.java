package dev.abr.cmaf.box;

/**
 * {@code vmhd} — ISO/IEC 14496-12 §12.1.2: video media header; flags are always 1.
 *
 * @param graphicsMode composition mode (0: copy)
 * @param opColorRed red of the composition colour
 * @param opColorGreen green of the composition colour
 * @param opColorBlue blue of the composition colour
 */
public record VideoMediaHeaderBox(
    int graphicsMode, int opColorRed, int opColorGreen, int opColorBlue) implements FullBox {
  public static final FourCc TYPE = FourCc.of("vmhd");

  /** The usual header: copy mode, black. */
  public static final VideoMediaHeaderBox DEFAULT = new VideoMediaHeaderBox(0, 0, 0, 0);

  public VideoMediaHeaderBox {
    FieldRanges.u16(graphicsMode, "graphicsmode");
    FieldRanges.u16(opColorRed, "opcolor");
    FieldRanges.u16(opColorGreen, "opcolor");
    FieldRanges.u16(opColorBlue, "opcolor");
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public int flags() {
    return 1;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeU16(graphicsMode);
    out.writeU16(opColorRed);
    out.writeU16(opColorGreen);
    out.writeU16(opColorBlue);
  }

  static VideoMediaHeaderBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("vmhd version " + version + " is not supported");
    }
    return new VideoMediaHeaderBox(in.readU16(), in.readU16(), in.readU16(), in.readU16());
  }
}
