package dev.abr.cmaf.box;

/**
 * {@code tkhd} — ISO/IEC 14496-12 §8.3.2: track id, flags and presentation size.
 *
 * @param version 0 (32-bit times) or 1 (64-bit times)
 * @param flags {@link #TRACK_ENABLED}, {@link #TRACK_IN_MOVIE}, {@link #TRACK_IN_PREVIEW}
 * @param creationTime seconds since 1904-01-01 UTC
 * @param modificationTime seconds since 1904-01-01 UTC
 * @param trackId the track id, not 0
 * @param duration track duration in movie timescale ticks (0 for a fragmented file)
 * @param layer front-to-back order of video tracks
 * @param alternateGroup group of alternative tracks (0: none)
 * @param volume 8.8 fixed point; {@code 0x0100} for audio, 0 otherwise
 * @param matrix video transformation
 * @param widthFixedPoint presentation width in pixels, 16.16 fixed point (0 for audio)
 * @param heightFixedPoint presentation height in pixels, 16.16 fixed point (0 for audio)
 */
public record TrackHeaderBox(
    int version,
    int flags,
    long creationTime,
    long modificationTime,
    long trackId,
    long duration,
    int layer,
    int alternateGroup,
    int volume,
    TransformationMatrix matrix,
    long widthFixedPoint,
    long heightFixedPoint)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("tkhd");

  /** The track is enabled. */
  public static final int TRACK_ENABLED = 0x000001;

  /** The track is used in the presentation. */
  public static final int TRACK_IN_MOVIE = 0x000002;

  /** The track is used when previewing the presentation. */
  public static final int TRACK_IN_PREVIEW = 0x000004;

  public TrackHeaderBox {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("tkhd version must be 0 or 1: " + version);
    }
    if (version == 0) {
      FieldRanges.u32(creationTime, "creation_time");
      FieldRanges.u32(modificationTime, "modification_time");
      FieldRanges.u32(duration, "duration");
    }
    if (flags < 0 || flags > 0xFF_FFFF) {
      throw new IllegalArgumentException("tkhd flags do not fit in 24 bits: " + flags);
    }
    if (trackId == 0) {
      throw new IllegalArgumentException("track_ID must not be 0");
    }
    FieldRanges.u32(trackId, "track_ID");
    FieldRanges.i16(layer, "layer");
    FieldRanges.i16(alternateGroup, "alternate_group");
    FieldRanges.i16(volume, "volume");
    FieldRanges.u32(widthFixedPoint, "width");
    FieldRanges.u32(heightFixedPoint, "height");
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public void writePayload(BoxOutput out) {
    if (version == 1) {
      out.writeU64(creationTime);
      out.writeU64(modificationTime);
      out.writeU32(trackId);
      out.writeZeros(4);
      out.writeU64(duration);
    } else {
      out.writeU32(creationTime);
      out.writeU32(modificationTime);
      out.writeU32(trackId);
      out.writeZeros(4);
      out.writeU32(duration);
    }
    out.writeZeros(4 * 2);
    out.writeI16(layer);
    out.writeI16(alternateGroup);
    out.writeI16(volume);
    out.writeZeros(2);
    matrix.write(out);
    out.writeU32(widthFixedPoint);
    out.writeU32(heightFixedPoint);
  }

  static TrackHeaderBox read(BoxInput in, int version, int flags) {
    if (version > 1) {
      throw in.unsupported("tkhd version " + version + " is not supported");
    }
    long creation = version == 1 ? in.readU64() : in.readU32();
    long modification = version == 1 ? in.readU64() : in.readU32();
    long trackId = in.readU32();
    in.skip(4);
    long duration = version == 1 ? in.readU64() : in.readU32();
    in.skip(4 * 2);
    int layer = in.readI16();
    int alternateGroup = in.readI16();
    int volume = in.readI16();
    in.skip(2);
    TransformationMatrix matrix = TransformationMatrix.read(in);
    long width = in.readU32();
    long height = in.readU32();
    return new TrackHeaderBox(
        version,
        flags,
        creation,
        modification,
        trackId,
        duration,
        layer,
        alternateGroup,
        volume,
        matrix,
        width,
        height);
  }
}
