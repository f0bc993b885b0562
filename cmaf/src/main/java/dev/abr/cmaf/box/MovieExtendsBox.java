package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code mvex} — ISO/IEC 14496-12 §8.8.1: announces movie fragments and holds per-track defaults.
 *
 * @param trackExtends one {@code trex} per track
 * @param otherBoxes children this package does not model (for example {@code mehd}), written last
 */
public record MovieExtendsBox(List<TrackExtendsBox> trackExtends, List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("mvex");

  public MovieExtendsBox {
    trackExtends = List.copyOf(trackExtends);
    otherBoxes = List.copyOf(otherBoxes);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>(trackExtends);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static MovieExtendsBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new MovieExtendsBox(
        children.all(TrackExtendsBox.class), children.others(TrackExtendsBox.class));
  }
}
