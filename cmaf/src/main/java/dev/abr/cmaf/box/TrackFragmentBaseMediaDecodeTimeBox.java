package dev.abr.cmaf.box;

/**
 * {@code tfdt} — ISO/IEC 14496-12 §8.8.12: decode time of the fragment's first sample. Written as
 * version 1 (64-bit); version 0 (32-bit) is read and written back as read.
 *
 * @param version 0 or 1
 * @param baseMediaDecodeTimeTicks decode time in media timescale ticks, not negative
 */
public record TrackFragmentBaseMediaDecodeTimeBox(int version, long baseMediaDecodeTimeTicks)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("tfdt");

  public TrackFragmentBaseMediaDecodeTimeBox {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("tfdt version must be 0 or 1: " + version);
    }
    if (baseMediaDecodeTimeTicks < 0) {
      throw new IllegalArgumentException(
          "baseMediaDecodeTime must not be negative: " + baseMediaDecodeTimeTicks);
    }
    if (version == 0) {
      FieldRanges.u32(baseMediaDecodeTimeTicks, "baseMediaDecodeTime");
    }
  }

  /** Returns the version 1 (64-bit) box. */
  public static TrackFragmentBaseMediaDecodeTimeBox of(long baseMediaDecodeTimeTicks) {
    return new TrackFragmentBaseMediaDecodeTimeBox(1, baseMediaDecodeTimeTicks);
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public void writePayload(BoxOutput out) {
    if (version == 1) {
      out.writeU64(baseMediaDecodeTimeTicks);
    } else {
      out.writeU32(baseMediaDecodeTimeTicks);
    }
  }

  static TrackFragmentBaseMediaDecodeTimeBox read(BoxInput in, int version, int flags) {
    if (version > 1) {
      throw in.unsupported("tfdt version " + version + " is not supported");
    }
    long time = version == 1 ? in.readU64() : in.readU32();
    if (time < 0) {
      throw in.unsupported("baseMediaDecodeTime " + Long.toUnsignedString(time) + " is too large");
    }
    return new TrackFragmentBaseMediaDecodeTimeBox(version, time);
  }
}
