package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stbl} — ISO/IEC 14496-12 §8.5.1: sample descriptions and sample tables. In a fragmented
 * file the tables are empty and the samples are described by the movie fragments.
 *
 * @param description the {@code stsd}
 * @param timeToSample the {@code stts}
 * @param sampleToChunk the {@code stsc}
 * @param sampleSize the {@code stsz}
 * @param chunkOffset the {@code stco}
 * @param otherBoxes children this package does not model (for example {@code sgpd}), written last
 */
public record SampleTableBox(
    SampleDescriptionBox description,
    TimeToSampleBox timeToSample,
    SampleToChunkBox sampleToChunk,
    SampleSizeBox sampleSize,
    ChunkOffsetBox chunkOffset,
    List<Box> otherBoxes)
    implements Box {
  public static final FourCc TYPE = FourCc.of("stbl");

  public SampleTableBox {
    otherBoxes = List.copyOf(otherBoxes);
  }

  /** Returns a table for a fragmented file: {@code description} and empty sample tables. */
  public static SampleTableBox forFragmentedFile(SampleDescriptionBox description) {
    return new SampleTableBox(
        description,
        new TimeToSampleBox(List.of()),
        new SampleToChunkBox(List.of()),
        new SampleSizeBox(0, 0, List.of()),
        new ChunkOffsetBox(List.of()),
        List.of());
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>();
    children.add(description);
    children.add(timeToSample);
    children.add(sampleToChunk);
    children.add(sampleSize);
    children.add(chunkOffset);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    children().forEach(out::writeBox);
  }

  static SampleTableBox read(BoxInput in) {
    ChildBoxes children = ChildBoxes.read(in);
    return new SampleTableBox(
        children.required(SampleDescriptionBox.class, SampleDescriptionBox.TYPE),
        children.required(TimeToSampleBox.class, TimeToSampleBox.TYPE),
        children.required(SampleToChunkBox.class, SampleToChunkBox.TYPE),
        children.required(SampleSizeBox.class, SampleSizeBox.TYPE),
        children.required(ChunkOffsetBox.class, ChunkOffsetBox.TYPE),
        children.others(
            SampleDescriptionBox.class,
            TimeToSampleBox.class,
            SampleToChunkBox.class,
            SampleSizeBox.class,
            ChunkOffsetBox.class));
  }
}
