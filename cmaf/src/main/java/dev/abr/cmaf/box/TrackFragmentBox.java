package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code traf} — ISO/IEC 14496-12 §8.8.6: one track's part of a movie fragment.
 *
 * @param header the {@code tfhd}
 * @param decodeTime the {@code tfdt} (CMAF requires it)
 * @param runs the {@code trun} boxes (CMAF: exactly one)
 * @param otherBoxes children this package does not model (for example {@code senc}), written last
 */
public record TrackFragmentBox(
    TrackFragmentHeaderBox header,
    Optional<TrackFragmentBaseMediaDecodeTimeBox> decodeTime,
    List<TrackRunBox> runs,
    List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("traf");

  public TrackFragmentBox {
    runs = List.copyOf(runs);
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
    decodeTime.ifPresent(children::add);
    children.addAll(runs);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static TrackFragmentBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new TrackFragmentBox(
        children.required(TrackFragmentHeaderBox.class, TrackFragmentHeaderBox.TYPE),
        children.optional(
            TrackFragmentBaseMediaDecodeTimeBox.class, TrackFragmentBaseMediaDecodeTimeBox.TYPE),
        children.all(TrackRunBox.class),
        children.others(
            TrackFragmentHeaderBox.class,
            TrackFragmentBaseMediaDecodeTimeBox.class,
            TrackRunBox.class));
  }
}
