package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code trak} — ISO/IEC 14496-12 §8.3.1: one track.
 *
 * @param header the {@code tkhd}
 * @param media the {@code mdia}
 * @param otherBoxes children this package does not model (for example {@code edts}), written last
 */
public record TrackBox(TrackHeaderBox header, MediaBox media, List<Box> otherBoxes) implements Box {
  public static final FourCc TYPE = FourCc.of("trak");

  public TrackBox {
    otherBoxes = List.copyOf(otherBoxes);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>();
    children.add(header);
    children.add(media);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static TrackBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new TrackBox(
        children.required(TrackHeaderBox.class, TrackHeaderBox.TYPE),
        children.required(MediaBox.class, MediaBox.TYPE),
        children.others(TrackHeaderBox.class, MediaBox.class));
  }
}
