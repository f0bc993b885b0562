package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ftyp} — ISO/IEC 14496-12 §4.3: the brands a file conforms to; first box of an init
 * segment.
 *
 * @param majorBrand the best-use brand
 * @param minorVersion informative version of the major brand
 * @param compatibleBrands brands the file also conforms to
 */
public record FileTypeBox(FourCc majorBrand, long minorVersion, List<FourCc> compatibleBrands)
    implements Box {
  public static final FourCc TYPE = FourCc.of("ftyp");

  public FileTypeBox {
    FieldRanges.u32(minorVersion, "minor_version");
    compatibleBrands = List.copyOf(compatibleBrands);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public void writePayload(BoxOutput out) {
    writeBrands(out, majorBrand, minorVersion, compatibleBrands);
  }

  static void writeBrands(BoxOutput out, FourCc major, long minor, List<FourCc> compatible) {
    out.writeFourCc(major);
    out.writeU32(minor);
    for (FourCc brand : compatible) {
      out.writeFourCc(brand);
    }
  }

  static List<FourCc> readCompatibleBrands(BoxInput in) {
    if (in.remaining() % 4 != 0) {
      throw in.fail("compatible brands take " + in.remaining() + " bytes, not a multiple of 4");
    }
    List<FourCc> brands = new ArrayList<>();
    while (in.hasRemaining()) {
      brands.add(in.readFourCc());
    }
    return brands;
  }

  static FileTypeBox read(BoxInput in) {
    FourCc major = in.readFourCc();
    long minor = in.readU32();
    return new FileTypeBox(major, minor, readCompatibleBrands(in));
  }
}
