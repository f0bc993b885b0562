package dev.abr.cmaf.box;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code tfhd} — ISO/IEC 14496-12 §8.8.7: track id, data base and sample defaults of a track
 * fragment. The flags are derived from which optional fields are present.
 *
 * @param trackId the track
 * @param baseDataOffset explicit absolute base for data offsets (flag 0x000001); CMAF uses {@code
 *     defaultBaseIsMoof} instead
 * @param sampleDescriptionIndex sample entry (from 1) (flag 0x000002)
 * @param defaultSampleDurationTicks (flag 0x000008)
 * @param defaultSampleSizeBytes (flag 0x000010)
 * @param defaultSampleFlags (flag 0x000020)
 * @param durationIsEmpty no samples, only duration (flag 0x010000)
 * @param defaultBaseIsMoof data offsets count from the start of the {@code moof} (flag 0x020000)
 */
public record TrackFragmentHeaderBox(
    long trackId,
    OptionalLong baseDataOffset,
    OptionalLong sampleDescriptionIndex,
    OptionalLong defaultSampleDurationTicks,
    OptionalLong defaultSampleSizeBytes,
    Optional<SampleFlags> defaultSampleFlags,
    boolean durationIsEmpty,
    boolean defaultBaseIsMoof)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("tfhd");

  static final int BASE_DATA_OFFSET_PRESENT = 0x000001;
  static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x000002;
  static final int DEFAULT_SAMPLE_DURATION_PRESENT = 0x000008;
  static final int DEFAULT_SAMPLE_SIZE_PRESENT = 0x000010;
  static final int DEFAULT_SAMPLE_FLAGS_PRESENT = 0x000020;
  static final int DURATION_IS_EMPTY = 0x010000;
  static final int DEFAULT_BASE_IS_MOOF = 0x020000;
  private static final int KNOWN_FLAGS =
      BASE_DATA_OFFSET_PRESENT
          | SAMPLE_DESCRIPTION_INDEX_PRESENT
          | DEFAULT_SAMPLE_DURATION_PRESENT
          | DEFAULT_SAMPLE_SIZE_PRESENT
          | DEFAULT_SAMPLE_FLAGS_PRESENT
          | DURATION_IS_EMPTY
          | DEFAULT_BASE_IS_MOOF;

  public TrackFragmentHeaderBox {
    FieldRanges.u32(trackId, "track_ID");
    baseDataOffset.ifPresent(
        offset -> {
          if (offset < 0) {
            throw new IllegalArgumentException("base_data_offset must not be negative: " + offset);
          }
        });
    sampleDescriptionIndex.ifPresent(v -> FieldRanges.u32(v, "sample_description_index"));
    defaultSampleDurationTicks.ifPresent(v -> FieldRanges.u32(v, "default_sample_duration"));
    defaultSampleSizeBytes.ifPresent(v -> FieldRanges.u32(v, "default_sample_size"));
  }

  /** Returns the CMAF header: {@code trackId} and default-base-is-moof, nothing else. */
  public static TrackFragmentHeaderBox defaultBaseIsMoof(long trackId) {
    return new TrackFragmentHeaderBox(
        trackId,
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        false,
        true);
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
    int flags = 0;
    flags |= baseDataOffset.isPresent() ? BASE_DATA_OFFSET_PRESENT : 0;
    flags |= sampleDescriptionIndex.isPresent() ? SAMPLE_DESCRIPTION_INDEX_PRESENT : 0;
    flags |= defaultSampleDurationTicks.isPresent() ? DEFAULT_SAMPLE_DURATION_PRESENT : 0;
    flags |= defaultSampleSizeBytes.isPresent() ? DEFAULT_SAMPLE_SIZE_PRESENT : 0;
    flags |= defaultSampleFlags.isPresent() ? DEFAULT_SAMPLE_FLAGS_PRESENT : 0;
    flags |= durationIsEmpty ? DURATION_IS_EMPTY : 0;
    flags |= defaultBaseIsMoof ? DEFAULT_BASE_IS_MOOF : 0;
    return flags;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeU32(trackId);
    baseDataOffset.ifPresent(out::writeU64);
    sampleDescriptionIndex.ifPresent(out::writeU32);
    defaultSampleDurationTicks.ifPresent(out::writeU32);
    defaultSampleSizeBytes.ifPresent(out::writeU32);
    defaultSampleFlags.ifPresent(flags -> out.writeI32(flags.bits()));
  }

  static TrackFragmentHeaderBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("tfhd version " + version + " is not supported");
    }
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw in.unsupported(
          String.format(java.util.Locale.ROOT, "unknown tfhd flags 0x%06x", flags));
    }
    long trackId = in.readU32();
    OptionalLong baseDataOffset = OptionalLong.empty();
    if ((flags & BASE_DATA_OFFSET_PRESENT) != 0) {
      long offset = in.readU64();
      if (offset < 0) {
        throw in.unsupported("base_data_offset " + Long.toUnsignedString(offset) + " is too large");
      }
      baseDataOffset = OptionalLong.of(offset);
    }
    return new TrackFragmentHeaderBox(
        trackId,
        baseDataOffset,
        readIf(in, flags, SAMPLE_DESCRIPTION_INDEX_PRESENT),
        readIf(in, flags, DEFAULT_SAMPLE_DURATION_PRESENT),
        readIf(in, flags, DEFAULT_SAMPLE_SIZE_PRESENT),
        (flags & DEFAULT_SAMPLE_FLAGS_PRESENT) != 0
            ? Optional.of(new SampleFlags(in.readI32()))
            : Optional.empty(),
        (flags & DURATION_IS_EMPTY) != 0,
        (flags & DEFAULT_BASE_IS_MOOF) != 0);
  }

  private static OptionalLong readIf(BoxInput in, int flags, int flag) {
    return (flags & flag) != 0 ? OptionalLong.of(in.readU32()) : OptionalLong.empty();
  }
}
