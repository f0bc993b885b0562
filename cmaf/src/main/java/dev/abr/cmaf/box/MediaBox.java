package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code mdia} — ISO/IEC 14496-12 §8.4.1: media declarations of a track.
 *
 * @param header the {@code mdhd}
 * @param handler the {@code hdlr}
 * @param information the {@code minf}
 * @param otherBoxes children this package does not model (for example {@code elng}), written last
 */
public record MediaBox(
    MediaHeaderBox header,
    HandlerBox handler,
    MediaInformationBox information,
    List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("mdia");

  public MediaBox {
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
    children.add(handler);
    children.add(information);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static MediaBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new MediaBox(
        children.required(MediaHeaderBox.class, MediaHeaderBox.TYPE),
        children.required(HandlerBox.class, HandlerBox.TYPE),
        children.required(MediaInformationBox.class, MediaInformationBox.TYPE),
        children.others(MediaHeaderBox.class, HandlerBox.class, MediaInformationBox.class));
  }
}
