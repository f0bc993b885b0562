package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code moov} — ISO/IEC 14496-12 §8.2.1: the presentation's metadata.
 *
 * @param header the {@code mvhd}
 * @param tracks the {@code trak} boxes (CMAF: exactly one)
 * @param movieExtends the {@code mvex}, present in a fragmented file
 * @param otherBoxes children this package does not model (for example {@code udta}), written last
 */
public record MovieBox(
    MovieHeaderBox header,
    List<TrackBox> tracks,
    Optional<MovieExtendsBox> movieExtends,
    List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("moov");

  public MovieBox {
    tracks = List.copyOf(tracks);
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
    children.addAll(tracks);
    movieExtends.ifPresent(children::add);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static MovieBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new MovieBox(
        children.required(MovieHeaderBox.class, MovieHeaderBox.TYPE),
        children.all(TrackBox.class),
        children.optional(MovieExtendsBox.class, MovieExtendsBox.TYPE),
        children.others(MovieHeaderBox.class, TrackBox.class, MovieExtendsBox.class));
  }
}
