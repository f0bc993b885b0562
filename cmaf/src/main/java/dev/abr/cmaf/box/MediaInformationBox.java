package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code minf} — ISO/IEC 14496-12 §8.4.4: media information of a track.
 *
 * @param mediaHeader the media-type header: a {@link VideoMediaHeaderBox}, a {@link
 *     SoundMediaHeaderBox}, or an {@link UnknownBox} of type {@code hmhd}, {@code nmhd} or {@code
 *     sthd}
 * @param dataInformation the {@code dinf}
 * @param sampleTable the {@code stbl}
 * @param otherBoxes children this package does not model, written last
 */
public record MediaInformationBox(
    Box mediaHeader,
    DataInformationBox dataInformation,
    SampleTableBox sampleTable,
    List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("minf");

  private static final Set<FourCc> MEDIA_HEADERS =
      Set.of(
          VideoMediaHeaderBox.TYPE,
          SoundMediaHeaderBox.TYPE,
          FourCc.of("hmhd"),
          FourCc.of("nmhd"),
          FourCc.of("sthd"));

  public MediaInformationBox {
    if (!MEDIA_HEADERS.contains(mediaHeader.type())) {
      throw new IllegalArgumentException("not a media header box: " + mediaHeader.type());
    }
    otherBoxes = List.copyOf(otherBoxes);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>();
    children.add(mediaHeader);
    children.add(dataInformation);
    children.add(sampleTable);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static MediaInformationBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    List<Box> headers = new ArrayList<>();
    List<Box> others = new ArrayList<>();
    for (Box box : children.others(DataInformationBox.class, SampleTableBox.class)) {
      (MEDIA_HEADERS.contains(box.type()) ? headers : others).add(box);
    }
    if (headers.size() != 1) {
      throw in.fail("expected exactly one media header (vmhd, smhd, ...), found " + headers.size());
    }
    return new MediaInformationBox(
        headers.get(0),
        children.required(DataInformationBox.class, DataInformationBox.TYPE),
        children.required(SampleTableBox.class, SampleTableBox.TYPE),
        others);
  }
}
