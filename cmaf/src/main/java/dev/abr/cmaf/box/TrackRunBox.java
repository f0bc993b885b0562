package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code trun} — ISO/IEC 14496-12 §8.8.8: a run of contiguous samples of a track fragment. The
 * flags are derived from the optional fields present and {@link #sampleFields()}. Composition
 * offsets are signed in version 1 (written by this package) and unsigned in version 0.
 *
 * @param version 0 or 1
 * @param dataOffset offset of the first sample's data from the data base (with
 *     default-base-is-moof: from the first byte of the {@code moof})
 * @param firstSampleFlags flags of the first sample, overriding the defaults
 * @param sampleFields which per-sample fields each sample carries
 * @param samples the samples, in decode order
 */
public record TrackRunBox(
    int version,
    OptionalInt dataOffset,
    Optional<SampleFlags> firstSampleFlags,
    Set<TrackRunBox.SampleField> sampleFields,
    List<TrackRunSample> samples)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("trun");

  /**
   * Runs without per-sample fields take no bytes per sample, so the byte count cannot bound their
   * sample count; more than this many is treated as corrupt.
   */
  static final int MAX_SAMPLES_WITHOUT_FIELDS = 1 << 16;

  private static final int DATA_OFFSET_PRESENT = 0x000001;
  private static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x000004;

  /** A per-sample field, with its presence flag. */
  public enum SampleField {
    DURATION(0x000100),
    SIZE(0x000200),
    FLAGS(0x000400),
    COMPOSITION_OFFSET(0x000800);

    private final int flag;

    SampleField(int flag) {
      this.flag = flag;
    }

    /** The {@code trun} flag bit that announces this field. */
    public int flag() {
      return flag;
    }
  }

  private static final int KNOWN_FLAGS =
      DATA_OFFSET_PRESENT
          | FIRST_SAMPLE_FLAGS_PRESENT
          | SampleField.DURATION.flag
          | SampleField.SIZE.flag
          | SampleField.FLAGS.flag
          | SampleField.COMPOSITION_OFFSET.flag;

  public TrackRunBox {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("trun version must be 0 or 1: " + version);
    }
    sampleFields = Set.copyOf(sampleFields);
    samples = List.copyOf(samples);
    for (TrackRunSample sample : samples) {
      checkAbsentIsZero(sampleFields, SampleField.DURATION, sample.durationTicks() == 0);
      checkAbsentIsZero(sampleFields, SampleField.SIZE, sample.sizeBytes() == 0);
      checkAbsentIsZero(sampleFields, SampleField.FLAGS, sample.flags().bits() == 0);
      checkAbsentIsZero(
          sampleFields, SampleField.COMPOSITION_OFFSET, sample.compositionOffsetTicks() == 0);
      if (version == 0 && sample.compositionOffsetTicks() < 0) {
        throw new IllegalArgumentException(
            "negative composition offset "
                + sample.compositionOffsetTicks()
                + " needs trun version 1");
      }
    }
  }

  /**
   * Returns a version 1 run carrying every per-sample field, with a data offset and no first-sample
   * flags: the shape this package writes.
   */
  public static TrackRunBox of(int dataOffset, List<TrackRunSample> samples) {
    return new TrackRunBox(
        1, OptionalInt.of(dataOffset), Optional.empty(), EnumSet.allOf(SampleField.class), samples);
  }

  /** Returns this run with data offset {@code dataOffset}. */
  public TrackRunBox withDataOffset(int dataOffset) {
    return new TrackRunBox(
        version, OptionalInt.of(dataOffset), firstSampleFlags, sampleFields, samples);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public int flags() {
    int flags = 0;
    flags |= dataOffset.isPresent() ? DATA_OFFSET_PRESENT : 0;
    flags |= firstSampleFlags.isPresent() ? FIRST_SAMPLE_FLAGS_PRESENT : 0;
    for (SampleField field : sampleFields) {
      flags |= field.flag;
    }
    return flags;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeU32(samples.size());
    dataOffset.ifPresent(out::writeI32);
    firstSampleFlags.ifPresent(flags -> out.writeI32(flags.bits()));
    boolean duration = sampleFields.contains(SampleField.DURATION);
    boolean size = sampleFields.contains(SampleField.SIZE);
    boolean flags = sampleFields.contains(SampleField.FLAGS);
    boolean offset = sampleFields.contains(SampleField.COMPOSITION_OFFSET);
    for (TrackRunSample sample : samples) {
      if (duration) {
        out.writeU32(sample.durationTicks());
      }
      if (size) {
        out.writeU32(sample.sizeBytes());
      }
      if (flags) {
        out.writeI32(sample.flags().bits());
      }
      if (offset) {
        out.writeI32(sample.compositionOffsetTicks());
      }
    }
  }

  static TrackRunBox read(BoxInput in, int version, int flags) {
    if (version > 1) {
      throw in.unsupported("trun version " + version + " is not supported");
    }
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw in.unsupported(
          String.format(java.util.Locale.ROOT, "unknown trun flags 0x%06x", flags));
    }
    Set<SampleField> fields = EnumSet.noneOf(SampleField.class);
    for (SampleField field : SampleField.values()) {
      if ((flags & field.flag) != 0) {
        fields.add(field);
      }
    }
    long sampleCount = in.readU32();
    OptionalInt dataOffset =
        (flags & DATA_OFFSET_PRESENT) != 0 ? OptionalInt.of(in.readI32()) : OptionalInt.empty();
    Optional<SampleFlags> firstSampleFlags =
        (flags & FIRST_SAMPLE_FLAGS_PRESENT) != 0
            ? Optional.of(new SampleFlags(in.readI32()))
            : Optional.empty();
    int count;
    if (fields.isEmpty()) {
      if (sampleCount > MAX_SAMPLES_WITHOUT_FIELDS) {
        throw in.fail(
            "sample_count "
                + sampleCount
                + " without per-sample fields exceeds the limit of "
                + MAX_SAMPLES_WITHOUT_FIELDS);
      }
      count = (int) sampleCount;
    } else {
      count = in.checkCount(sampleCount, 4 * fields.size(), "sample_count");
    }
    List<TrackRunSample> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long duration = fields.contains(SampleField.DURATION) ? in.readU32() : 0;
      long size = fields.contains(SampleField.SIZE) ? in.readU32() : 0;
      SampleFlags sampleFlags =
          fields.contains(SampleField.FLAGS) ? new SampleFlags(in.readI32()) : SampleFlags.NONE;
      int offset = 0;
      if (fields.contains(SampleField.COMPOSITION_OFFSET)) {
        offset = in.readI32();
        if (version == 0 && offset < 0) {
          throw in.unsupported(
              "unsigned composition offset "
                  + Integer.toUnsignedString(offset)
                  + " of sample "
                  + i
                  + " is too large");
        }
      }
      samples.add(new TrackRunSample(duration, size, sampleFlags, offset));
    }
    return new TrackRunBox(version, dataOffset, firstSampleFlags, fields, samples);
  }

  private static void checkAbsentIsZero(Set<SampleField> fields, SampleField field, boolean zero) {
    if (!fields.contains(field) && !zero) {
      throw new IllegalArgumentException(
          "trun does not carry " + field + " but a sample has a non-zero value for it");
    }
  }
}
