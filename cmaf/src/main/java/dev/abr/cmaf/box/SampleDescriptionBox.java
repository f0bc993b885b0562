package dev.abr.cmaf.box;

import java.util.List;

/**
 * {@code stsd} — ISO/IEC 14496-12 §8.5.2: the sample entries (codec configurations) of a track.
 *
 * @param entries sample entries: {@link VisualSampleEntry}, {@link AudioSampleEntry} or {@link
 *     UnknownBox} for other codecs
 */
public record SampleDescriptionBox(List<Box> entries) implements FullBox {
  public static final FourCc TYPE = FourCc.of("stsd");

  public SampleDescriptionBox {
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

  static SampleDescriptionBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("stsd version " + version + " is not supported");
    }
    long count = in.readU32();
    // A sample entry is at least a box header plus 8 bytes (§8.5.2.2).
    in.checkCount(count, 16, "entry_count");
    List<Box> entries = BoxReader.readChildren(in);
    if (entries.size() != count) {
      throw in.fail("entry_count is " + count + " but " + entries.size() + " entries follow");
    }
    return new SampleDescriptionBox(entries);
  }
}
