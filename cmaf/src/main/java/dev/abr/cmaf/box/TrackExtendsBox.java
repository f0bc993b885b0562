package dev.abr.cmaf.box;

/**
 * {@code trex} — ISO/IEC 14496-12 §8.8.3: defaults for the samples of one track's fragments.
 *
 * @param trackId the track
 * @param defaultSampleDescriptionIndex sample entry (from 1) used by fragments
 * @param defaultSampleDurationTicks default sample duration in media timescale ticks
 * @param defaultSampleSizeBytes default sample size
 * @param defaultSampleFlags default sample flags
 */
public record TrackExtendsBox(
    long trackId,
    long defaultSampleDescriptionIndex,
    long defaultSampleDurationTicks,
    long defaultSampleSizeBytes,
    SampleFlags defaultSampleFlags)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("trex");

  public TrackExtendsBox {
    FieldRanges.u32(trackId, "track_ID");
    FieldRanges.u32(defaultSampleDescriptionIndex, "default_sample_description_index");
    FieldRanges.u32(defaultSampleDurationTicks, "default_sample_duration");
    FieldRanges.u32(defaultSampleSizeBytes, "default_sample_size");
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
    out.writeU32(trackId);
    out.writeU32(defaultSampleDescriptionIndex);
    out.writeU32(defaultSampleDurationTicks);
    out.writeU32(defaultSampleSizeBytes);
    out.writeI32(defaultSampleFlags.bits());
  }

  static TrackExtendsBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("trex version " + version + " is not supported");
    }
    return new TrackExtendsBox(
        in.readU32(), in.readU32(), in.readU32(), in.readU32(), new SampleFlags(in.readI32()));
  }
}
