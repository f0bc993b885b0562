package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stsz} — ISO/IEC 14496-12 §8.7.3.2: sample sizes; empty in a fragmented file.
 *
 * @param sampleSizeBytes the size of every sample, or 0 when sizes are listed per sample
 * @param sampleCount number of samples
 * @param entrySizesBytes the size of each sample when {@code sampleSizeBytes} is 0, else empty
 */
public record SampleSizeBox(long sampleSizeBytes, long sampleCount, List<Long> entrySizesBytes)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("stsz");

  public SampleSizeBox {
    FieldRanges.u32(sampleSizeBytes, "sample_size");
    FieldRanges.u32(sampleCount, "sample_count");
    entrySizesBytes = List.copyOf(entrySizesBytes);
    long expected = sampleSizeBytes == 0 ? sampleCount : 0;
    if (entrySizesBytes.size() != expected) {
      throw new IllegalArgumentException(
          "stsz lists " + entrySizesBytes.size() + " sizes but needs " + expected);
    }
    entrySizesBytes.forEach(size -> FieldRanges.u32(size, "entry_size"));
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
    out.writeU32(sampleSizeBytes);
    out.writeU32(sampleCount);
    entrySizesBytes.forEach(out::writeU32);
  }

  static SampleSizeBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("stsz version " + version + " is not supported");
    }
    long sampleSize = in.readU32();
    long sampleCount = in.readU32();
    List<Long> sizes = new ArrayList<>();
    if (sampleSize == 0) {
      int count = in.checkCount(sampleCount, 4, "sample_count");
      for (int i = 0; i < count; i++) {
        sizes.add(in.readU32());
      }
    }
    return new SampleSizeBox(sampleSize, sampleCount, sizes);
  }
}
