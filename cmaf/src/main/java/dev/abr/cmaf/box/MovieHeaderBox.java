package dev.abr.cmaf.box;

/**
 * {@code mvhd} — ISO/IEC 14496-12 §8.2.2: movie timescale and duration. Version 0 has 32-bit times,
 * version 1 64-bit ones.
 *
 * @param version 0 or 1
 * @param creationTime seconds since 1904-01-01 UTC (0 keeps outputs reproducible)
 * @param modificationTime seconds since 1904-01-01 UTC
 * @param timescale ticks per second of {@code duration}
 * @param duration movie duration in {@code timescale} ticks (0 for a fragmented file)
 * @param rate preferred rate, 16.16 fixed point ({@code 0x00010000} is normal)
 * @param volume preferred volume, 8.8 fixed point ({@code 0x0100} is full)
 * @param matrix video transformation
 * @param nextTrackId the id the next added track would get
 */
public record MovieHeaderBox(
    int version,
    long creationTime,
    long modificationTime,
    long timescale,
    long duration,
    int rate,
    int volume,
    TransformationMatrix matrix,
    long nextTrackId)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("mvhd");

  public MovieHeaderBox {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("mvhd version must be 0 or 1: " + version);
    }
    if (version == 0) {
      FieldRanges.u32(creationTime, "creation_time");
      FieldRanges.u32(modificationTime, "modification_time");
      FieldRanges.u32(duration, "duration");
    }
    FieldRanges.u32(timescale, "timescale");
    FieldRanges.i16(volume, "volume");
    FieldRanges.u32(nextTrackId, "next_track_ID");
  }

  /** Returns a version 0 header for a fragmented file: times 0, duration 0, identity matrix. */
  public static MovieHeaderBox forFragmentedFile(long timescale, long nextTrackId) {
    return new MovieHeaderBox(
        0, 0, 0, timescale, 0, 0x0001_0000, 0x0100, TransformationMatrix.IDENTITY, nextTrackId);
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
      out.writeU64(creationTime);
      out.writeU64(modificationTime);
      out.writeU32(timescale);
      out.writeU64(duration);
    } else {
      out.writeU32(creationTime);
      out.writeU32(modificationTime);
      out.writeU32(timescale);
      out.writeU32(duration);
    }
    out.writeI32(rate);
    out.writeI16(volume);
    out.writeZeros(2 + 4 * 2);
    matrix.write(out);
    out.writeZeros(4 * 6);
    out.writeU32(nextTrackId);
  }

  static MovieHeaderBox read(BoxInput in, int version, int flags) {
    if (version > 1) {
      throw in.unsupported("mvhd version " + version + " is not supported");
    }
    long creation = version == 1 ? in.readU64() : in.readU32();
    long modification = version == 1 ? in.readU64() : in.readU32();
    long timescale = in.readU32();
    long duration = version == 1 ? in.readU64() : in.readU32();
    int rate = in.readI32();
    int volume = in.readI16();
    in.skip(2 + 4 * 2);
    TransformationMatrix matrix = TransformationMatrix.read(in);
    in.skip(4 * 6);
    long nextTrackId = in.readU32();
    return new MovieHeaderBox(
        version, creation, modification, timescale, duration, rate, volume, matrix, nextTrackId);
  }
}
