package dev.abr.cmaf.box;

/**
 * {@code mdhd} — ISO/IEC 14496-12 §8.4.2: the track's media timescale and language.
 *
 * @param version 0 (32-bit times) or 1 (64-bit times)
 * @param creationTime seconds since 1904-01-01 UTC
 * @param modificationTime seconds since 1904-01-01 UTC
 * @param timescale ticks per second of the track's media time (sample durations, tfdt)
 * @param duration media duration in {@code timescale} ticks (0 for a fragmented file)
 * @param language ISO 639-2/T code, three characters in U+0060..U+007F (normally {@code a-z}, as in
 *     {@code und} or {@code eng})
 */
public record MediaHeaderBox(
    int version,
    long creationTime,
    long modificationTime,
    long timescale,
    long duration,
    String language)
    implements FullBox {
  public static final FourCc TYPE = FourCc.of("mdhd");

  public MediaHeaderBox {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("mdhd version must be 0 or 1: " + version);
    }
    if (version == 0) {
      FieldRanges.u32(creationTime, "creation_time");
      FieldRanges.u32(modificationTime, "modification_time");
      FieldRanges.u32(duration, "duration");
    }
    FieldRanges.u32(timescale, "timescale");
    if (language.length() != 3 || !language.chars().allMatch(c -> c >= 0x60 && c <= 0x7F)) {
      throw new IllegalArgumentException(
          "mdhd language must be a three-letter ISO 639-2/T code such as und: \""
              + language
              + "\"");
    }
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
    // pad bit 0, then three 5-bit letters, each stored as (character - 0x60).
    int packed = 0;
    for (int i = 0; i < 3; i++) {
      packed = (packed << 5) | (language.charAt(i) - 0x60);
    }
    out.writeU16(packed);
    out.writeZeros(2);
  }

  static MediaHeaderBox read(BoxInput in, int version, int flags) {
    if (version > 1) {
      throw in.unsupported("mdhd version " + version + " is not supported");
    }
    long creation = version == 1 ? in.readU64() : in.readU32();
    long modification = version == 1 ? in.readU64() : in.readU32();
    long timescale = in.readU32();
    long duration = version == 1 ? in.readU64() : in.readU32();
    int packed = in.readU16() & 0x7FFF;
    char[] letters = new char[3];
    for (int i = 2; i >= 0; i--) {
      letters[i] = (char) ((packed & 0x1F) + 0x60);
      packed >>>= 5;
    }
    in.skip(2);
    return new MediaHeaderBox(
        version, creation, modification, timescale, duration, new String(letters));
  }
}
