package dev.abr.cmaf.box;

import java.util.List;

/**
 * {@code styp} — ISO/IEC 14496-12 §8.16.2: the brands a media segment conforms to; same layout as
 * {@code ftyp}, first box of a segment.
 *
 * @param majorBrand the best-use brand
 * @param minorVersion informative version of the major brand
 * @param compatibleBrands brands the segment also conforms to
 */
public record SegmentTypeBox(FourCc majorBrand, long minorVersion, List<FourCc> compatibleBrands)
    implements Box {
  public static final FourCc TYPE = FourCc.of("styp");

  public SegmentTypeBox {
    FieldRanges.u32(minorVersion, "minor_version");
    compatibleBrands = List.copyOf(compatibleBrands);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public void writePayload(BoxOutput out) {
    FileTypeBox.writeBrands(out, majorBrand, minorVersion, compatibleBrands);
  }

  static SegmentTypeBox read(BoxInput in) {
    FourCc major = in.readFourCc();
    long minor = in.readU32();
    return new SegmentTypeBox(major, minor, FileTypeBox.readCompatibleBrands(in));
  }
}
