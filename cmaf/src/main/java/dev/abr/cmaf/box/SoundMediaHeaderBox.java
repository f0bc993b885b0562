package dev.abr.cmaf.box;

/**
 * {@code smhd} — ISO/IEC 14496-12 §12.2.2: sound media header.
 *
 * @param balance stereo balance, 8.8 fixed point (0: centre)
 */
public record SoundMediaHeaderBox(int balance) implements FullBox {
  public static final FourCc TYPE = FourCc.of("smhd");

  /** Centre balance. */
  public static final SoundMediaHeaderBox DEFAULT = new SoundMediaHeaderBox(0);

  public SoundMediaHeaderBox {
    FieldRanges.i16(balance, "balance");
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
    return 0;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeI16(balance);
    out.writeZeros(2);
  }

  static SoundMediaHeaderBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("smhd version " + version + " is not supported");
    }
    int balance = in.readI16();
    in.skip(2);
    return new SoundMediaHeaderBox(balance);
  }
}
