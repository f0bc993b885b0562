package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stco} — ISO/IEC 14496-12 §8.7.5: 32-bit file offsets of chunks; empty in a fragmented
 * file.
 *
 * @param chunkOffsets offset of each chunk from the start of the file
 */
public record ChunkOffsetBox(List<Long> chunkOffsets) implements FullBox {
  public static final FourCc TYPE = FourCc.of("stco");

  public ChunkOffsetBox {
    chunkOffsets = List.copyOf(chunkOffsets);
    chunkOffsets.forEach(offset -> FieldRanges.u32(offset, "chunk_offset"));
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
    out.writeU32(chunkOffsets.size());
    chunkOffsets.forEach(out::writeU32);
  }

  static ChunkOffsetBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("stco version " + version + " is not supported");
    }
    int count = in.checkCount(in.readU32(), 4, "entry_count");
    List<Long> offsets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      offsets.add(in.readU32());
    }
    return new ChunkOffsetBox(offsets);
  }
}
