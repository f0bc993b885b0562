package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stts} — ISO/IEC 14496-12 §8.6.1.2: decode durations as runs; empty in a fragmented file.
 *
 * @param entries runs of samples with the same duration
 */
public record TimeToSampleBox(List<TimeToSampleBox.Entry> entries) implements FullBox {
  public static final FourCc TYPE = FourCc.of("stts");

  /**
   * One run.
   *
   * @param sampleCount consecutive samples in the run
   * @param sampleDeltaTicks decode duration of each, in media timescale ticks
   */
  public record Entry(long sampleCount, long sampleDeltaTicks) {
    public Entry {
      FieldRanges.u32(sampleCount, "sample_count");
      FieldRanges.u32(sampleDeltaTicks, "sample_delta");
    }
  }

  public TimeToSampleBox {
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
      out.writeU32(entry.sampleCount());
      out.writeU32(entry.sampleDeltaTicks());
    }
  }

  static TimeToSampleBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("stts version " + version + " is not supported");
    }
    int count = in.checkCount(in.readU32(), 8, "entry_count");
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(new Entry(in.readU32(), in.readU32()));
    }
    return new TimeToSampleBox(entries);
  }
}
