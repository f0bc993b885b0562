package dev.abr.cmaf.box;

/**
 * {@code url } — ISO/IEC 14496-12 §8.7.2: a data reference by URL; with the self-contained flag (1)
 * the media data is in the same file and no location is written.
 *
 * @param selfContained flag 1: media data in this file
 * @param location the URL when not self-contained; empty otherwise
 */
public record DataEntryUrlBox(boolean selfContained, String location) implements FullBox {
  public static final FourCc TYPE = FourCc.of("url ");

  /** The entry for media data in the same file. */
  public static final DataEntryUrlBox SELF_CONTAINED = new DataEntryUrlBox(true, "");

  public DataEntryUrlBox {
    if (selfContained && !location.isEmpty()) {
      throw new IllegalArgumentException("a self-contained url entry has no location");
    }
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
    return selfContained ? 1 : 0;
  }

  @Override
  public void writePayload(BoxOutput out) {
    if (!selfContained) {
      out.writeNullTerminatedString(location);
    }
  }

  static DataEntryUrlBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("url version " + version + " is not supported");
    }
    boolean selfContained = (flags & 1) != 0;
    String location = selfContained ? "" : in.readNullTerminatedString();
    // Some writers add an empty location to self-contained entries; it carries nothing.
    in.skip(in.remaining());
    return new DataEntryUrlBox(selfContained, location);
  }
}
