package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stsc} — ISO/IEC 14496-12 §8.7.4: how samples are grouped into chunks; empty in a
 * fragmented file.
 *
 * @param entries runs of chunks with the same layout
 */
public record SampleToChunkBox(List<SampleToChunkBox.Entry> entries) implements FullBox {
  public static final FourCc TYPE = FourCc.of("stsc");

  /**
   * One run of chunks.
   *
   * @param firstChunk index (from 1) of the first chunk of the run
   * @param samplesPerChunk samples in each chunk of the run
   * @param sampleDescriptionIndex sample entry (from 1) of those samples
   */
  public record Entry(long firstChunk, long samplesPerChunk, long sampleDescriptionIndex) {
    public Entry {
      FieldRanges.u32(firstChunk, "first_chunk");
      FieldRanges.u32(samplesPerChunk, "samples_per_chunk");
      FieldRanges.u32(sampleDescriptionIndex, "sample_description_index");
    }
  }

  public SampleToChunkBox {
    entries = List.copyOf(entries);
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
    return 0;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeU32(entries.size());
    for (Entry entry : entries) {
      out.writeU32(entry.firstChunk());
      out.writeU32(entry.samplesPerChunk());
      out.writeU32(entry.sampleDescriptionIndex());
    }
  }

  static SampleToChunkBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("stsc version " + version + " is not supported");
    }
    int count = in.checkCount(in.readU32(), 12, "entry_count");
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(new Entry(in.readU32(), in.readU32(), in.readU32()));
    }
    return new SampleToChunkBox(entries);
  }
}
