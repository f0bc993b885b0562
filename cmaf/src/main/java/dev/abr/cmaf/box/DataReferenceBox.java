package dev.abr.cmaf.box;

import java.util.List;

/**
 * {@code dref} — ISO/IEC 14496-12 §8.7.2: the data references sample entries point at.
 *
 * @param entries data entry boxes, normally {@link DataEntryUrlBox}
 */
public record DataReferenceBox(List<Box> entries) implements FullBox {
  public static final FourCc TYPE = FourCc.of("dref");

  public DataReferenceBox {
    entries = List.copyOf(entries);
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
  public List<Box> children() {
    return entries;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeU32(entries.size());
    entries.forEach(out::writeBox);
  }

  static DataReferenceBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("dref version " + version + " is not supported");
    }
    long count = in.readU32();
    in.checkCount(count, 12, "entry_count");
    List<Box> entries = BoxReader.readChildren(in);
    if (entries.size() != count) {
      throw in.fail("entry_count is " + count + " but " + entries.size() + " entries follow");
    }
    return new DataReferenceBox(entries);
  }
}
