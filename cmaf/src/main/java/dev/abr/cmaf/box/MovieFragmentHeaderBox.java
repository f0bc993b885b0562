package dev.abr.cmaf.box;

/**
 * {@code mfhd} — ISO/IEC 14496-12 §8.8.5: the fragment's sequence number.
 *
 * @param sequenceNumber increases from fragment to fragment, usually from 1
 */
public record MovieFragmentHeaderBox(long sequenceNumber) implements FullBox {
  public static final FourCc TYPE = FourCc.of("mfhd");

  public MovieFragmentHeaderBox {
    FieldRanges.u32(sequenceNumber, "sequence_number");
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
    out.writeU32(sequenceNumber);
  }

  static MovieFragmentHeaderBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("mfhd version " + version + " is not supported");
    }
    return new MovieFragmentHeaderBox(in.readU32());
  }
}
