package dev.abr.cmaf.box;

import java.util.List;

/**
 * {@code dinf} — ISO/IEC 14496-12 §8.7.1: where the media data is.
 *
 * @param dataReference the {@code dref}
 */
public record DataInformationBox(DataReferenceBox dataReference) implements Box {
  public static final FourCc TYPE = FourCc.of("dinf");

  /** Media data in the same file: one self-contained {@code url } entry. */
  public static final DataInformationBox SELF_CONTAINED =
      new DataInformationBox(new DataReferenceBox(List.of(DataEntryUrlBox.SELF_CONTAINED)));

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public List<Box> children() {
    return List.of(dataReference);
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeBox(dataReference);
  }

  static DataInformationBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    DataReferenceBox dref = children.required(DataReferenceBox.class, DataReferenceBox.TYPE);
    if (!children.others(DataReferenceBox.class).isEmpty()) {
      throw in.fail("unexpected children besides 'dref'");
    }
    return new DataInformationBox(dref);
  }
}
