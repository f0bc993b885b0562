package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code moof} — ISO/IEC 14496-12 §8.8.4: one movie fragment's metadata.
 *
 * @param header the {@code mfhd}
 * @param trackFragments the {@code traf} boxes (CMAF: exactly one)
 * @param otherBoxes children this package does not model (for example {@code pssh}), written last
 */
public record MovieFragmentBox(
    MovieFragmentHeaderBox header, List<TrackFragmentBox> trackFragments, List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("moof");

  public MovieFragmentBox {
    trackFragments = List.copyOf(trackFragments);
    otherBoxes = List.copyOf(otherBoxes);
  }

  /** Returns this fragment with {@code mfhd} sequence number {@code sequenceNumber}. */
  public MovieFragmentBox withSequenceNumber(long sequenceNumber) {
    return new MovieFragmentBox(
        new MovieFragmentHeaderBox(sequenceNumber), trackFragments, otherBoxes);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>();
    children.add(header);
    children.addAll(trackFragments);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static MovieFragmentBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new MovieFragmentBox(
        children.required(MovieFragmentHeaderBox.class, MovieFragmentHeaderBox.TYPE),
        children.all(TrackFragmentBox.class),
        children.others(MovieFragmentHeaderBox.class, TrackFragmentBox.class));
  }
}
