package dev.abr.cmaf.codec;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The AVCDecoderConfigurationRecord carried in an {@code avcC} box (ISO/IEC 14496-15 §5.3.3.1):
 * profile, level, NAL unit length size and the parameter sets of an {@code avc1} track.
 *
 * @param profileIndication {@code AVCProfileIndication}: {@code profile_idc} of the SPS
 * @param profileCompatibility {@code profile_compatibility}: the SPS byte after {@code profile_idc}
 * @param levelIndication {@code AVCLevelIndication}: {@code level_idc} of the SPS
 * @param nalUnitLengthBytes size of the length prefix of each NAL unit in samples: 1, 2 or 4
 * @param sequenceParameterSets SPS NAL units (at least one); stored as read-only copies
 * @param pictureParameterSets PPS NAL units (at least one); stored as read-only copies
 * @param highProfileFields the fields present for profiles 100, 110, 122 and 144; may be absent in
 *     records written by old muxers
 */
public record AvcDecoderConfigurationRecord(
    int profileIndication,
    int profileCompatibility,
    int levelIndication,
    int nalUnitLengthBytes,
    List<ByteBuffer> sequenceParameterSets,
    List<ByteBuffer> pictureParameterSets,
    Optional<AvcDecoderConfigurationRecord.HighProfileFields> highProfileFields) {

  /**
   * The chroma format and bit depths (and SPS extensions) a High-profile record adds.
   *
   * @param chromaFormat {@code chroma_format_idc} of the SPS, 0..3
   * @param bitDepthLuma luma bit depth, 8..15
   * @param bitDepthChroma chroma bit depth, 8..15
   * @param sequenceParameterSetExtensions SPS extension NAL units (type 13); stored as read-only
   *     copies
   */
  public record HighProfileFields(
      int chromaFormat,
      int bitDepthLuma,
      int bitDepthChroma,
      List<ByteBuffer> sequenceParameterSetExtensions) {
    public HighProfileFields {
      checkRange(chromaFormat, 0, 3, "chroma_format");
      checkRange(bitDepthLuma, 8, 15, "bit depth luma");
      checkRange(bitDepthChroma, 8, 15, "bit depth chroma");
      sequenceParameterSetExtensions = readOnlyCopies(sequenceParameterSetExtensions, 255);
    }

    /** Returns read-only views of the SPS extension NAL units. */
    @Override
    public List<ByteBuffer> sequenceParameterSetExtensions() {
      return duplicates(sequenceParameterSetExtensions);
    }
  }

  public AvcDecoderConfigurationRecord {
    checkRange(profileIndication, 0, 255, "AVCProfileIndication");
    checkRange(profileCompatibility, 0, 255, "profile_compatibility");
    checkRange(levelIndication, 0, 255, "AVCLevelIndication");
    if (nalUnitLengthBytes != 1 && nalUnitLengthBytes != 2 && nalUnitLengthBytes != 4) {
      throw new IllegalArgumentException(
          "NAL unit length size must be 1, 2 or 4 bytes: " + nalUnitLengthBytes);
    }
    sequenceParameterSets = readOnlyCopies(sequenceParameterSets, 31);
    pictureParameterSets = readOnlyCopies(pictureParameterSets, 255);
    if (sequenceParameterSets.isEmpty() || pictureParameterSets.isEmpty()) {
      throw new IllegalArgumentException(
          "an avc1 configuration needs at least one SPS and one PPS");
    }
    if (highProfileFields.isPresent() && !hasHighProfileFields(profileIndication)) {
      throw new IllegalArgumentException(
          "profile " + profileIndication + " has no chroma/bit-depth fields in avcC");
    }
  }

  /**
   * Returns the record for codec extradata as FFmpeg gives it: an {@code avcC} record when the
   * first byte is 1 (what MP4 demuxers give), otherwise Annex B parameter sets as libx264 writes
   * them (start codes, SPS, PPS, possibly SEI).
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if neither form parses
   */
  public static AvcDecoderConfigurationRecord fromExtradata(ByteBuffer extradata) {
    if (extradata.hasRemaining() && extradata.get(extradata.position()) == 1) {
      return parse(extradata);
    }
    List<ByteBuffer> sps = new ArrayList<>();
    List<ByteBuffer> pps = new ArrayList<>();
    List<ByteBuffer> spsExtensions = new ArrayList<>();
    for (ByteBuffer nalUnit : AnnexB.splitNalUnits(extradata)) {
      switch (NalUnitType.of(nalUnit)) {
        case NalUnitType.SPS -> sps.add(nalUnit);
        case NalUnitType.PPS -> pps.add(nalUnit);
        case NalUnitType.SPS_EXTENSION -> spsExtensions.add(nalUnit);
        default -> {
          // SEI (libx264's version string) and anything else does not belong in avcC.
        }
      }
    }
    return fromParameterSets(sps, pps, spsExtensions);
  }

  /**
   * Returns the record for the given parameter set NAL units (no start codes), taking profile,
   * compatibility and level from the first SPS and, for High profiles, chroma format and bit depths
   * from its parsed fields. Samples use 4-byte length prefixes.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if a set is missing or the SPS
   *     does not parse
   */
  public static AvcDecoderConfigurationRecord fromParameterSets(
      List<ByteBuffer> sequenceParameterSets,
      List<ByteBuffer> pictureParameterSets,
      List<ByteBuffer> sequenceParameterSetExtensions) {
    if (sequenceParameterSets.isEmpty() || pictureParameterSets.isEmpty()) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "H.264 extradata has "
              + sequenceParameterSets.size()
              + " SPS and "
              + pictureParameterSets.size()
              + " PPS; both are needed for avcC");
    }
    if (sequenceParameterSets.size() > 31 || pictureParameterSets.size() > 255) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, "H.264 extradata has too many parameter sets for avcC");
    }
    for (ByteBuffer set : concat(sequenceParameterSets, pictureParameterSets)) {
      if (set.remaining() > 0xFFFF) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            "H.264 parameter set of " + set.remaining() + " bytes is too large for avcC");
      }
    }
    SequenceParameterSet sps = SequenceParameterSet.parse(sequenceParameterSets.get(0));
    Optional<HighProfileFields> highProfile = Optional.empty();
    if (hasHighProfileFields(sps.profileIdc())) {
      highProfile =
          Optional.of(
              new HighProfileFields(
                  sps.chromaFormatIdc(),
                  sps.bitDepthLuma(),
                  sps.bitDepthChroma(),
                  sequenceParameterSetExtensions));
    }
    return new AvcDecoderConfigurationRecord(
        sps.profileIdc(),
        sps.constraintFlags(),
        sps.levelIdc(),
        AnnexB.LENGTH_PREFIX_BYTES,
        sequenceParameterSets,
        pictureParameterSets,
        highProfile);
  }

  /**
   * Parses the bytes of an AVCDecoderConfigurationRecord (the payload of {@code avcC}). Bytes after
   * the record are ignored.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the record is malformed
   */
  public static AvcDecoderConfigurationRecord parse(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    int version = u8(in);
    if (version != 1) {
      throw fail("configurationVersion is " + version + ", not 1");
    }
    int profile = u8(in);
    int compatibility = u8(in);
    int level = u8(in);
    int lengthSize = (u8(in) & 0x3) + 1;
    if (lengthSize == 3) {
      throw fail("lengthSizeMinusOne 2 (3-byte NAL lengths) is not allowed");
    }
    List<ByteBuffer> sps = readParameterSets(in, u8(in) & 0x1F, "SPS");
    List<ByteBuffer> pps = readParameterSets(in, u8(in), "PPS");
    Optional<HighProfileFields> highProfile = Optional.empty();
    if (hasHighProfileFields(profile) && in.hasRemaining()) {
      int chroma = u8(in) & 0x3;
      int lumaDepth = (u8(in) & 0x7) + 8;
      int chromaDepth = (u8(in) & 0x7) + 8;
      List<ByteBuffer> extensions = readParameterSets(in, u8(in), "SPS extension");
      highProfile = Optional.of(new HighProfileFields(chroma, lumaDepth, chromaDepth, extensions));
    }
    if (sps.isEmpty() || pps.isEmpty()) {
      throw fail(sps.size() + " SPS and " + pps.size() + " PPS; avc1 needs at least one of each");
    }
    return new AvcDecoderConfigurationRecord(
        profile, compatibility, level, lengthSize, sps, pps, highProfile);
  }

  /** Returns the serialized record, the payload of an {@code avcC} box. */
  public byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1); // configurationVersion
    out.write(profileIndication);
    out.write(profileCompatibility);
    out.write(levelIndication);
    out.write(0xFC | (nalUnitLengthBytes - 1)); // reserved '111111'b, lengthSizeMinusOne
    out.write(0xE0 | sequenceParameterSets.size()); // reserved '111'b, numOfSequenceParameterSets
    writeParameterSets(out, sequenceParameterSets);
    out.write(pictureParameterSets.size());
    writeParameterSets(out, pictureParameterSets);
    highProfileFields.ifPresent(
        fields -> {
          out.write(0xFC | fields.chromaFormat());
          out.write(0xF8 | (fields.bitDepthLuma() - 8));
          out.write(0xF8 | (fields.bitDepthChroma() - 8));
          out.write(fields.sequenceParameterSetExtensions.size());
          writeParameterSets(out, fields.sequenceParameterSetExtensions);
        });
    return out.toByteArray();
  }

  /** Parses the first sequence parameter set. */
  public SequenceParameterSet sequenceParameterSet() {
    return SequenceParameterSet.parse(sequenceParameterSets.get(0));
  }

  /**
   * Returns the RFC 6381 §3.3 {@code codecs} value of an {@code avc1} track: {@code avc1.PPCCLL}
   * with profile, compatibility and level as two lower-case hex digits each, for example {@code
   * avc1.640028}.
   */
  public String codecs() {
    return String.format(
        Locale.ROOT, "avc1.%02x%02x%02x", profileIndication, profileCompatibility, levelIndication);
  }

  /** Returns read-only views of the SPS NAL units. */
  @Override
  public List<ByteBuffer> sequenceParameterSets() {
    return duplicates(sequenceParameterSets);
  }

  /** Returns read-only views of the PPS NAL units. */
  @Override
  public List<ByteBuffer> pictureParameterSets() {
    return duplicates(pictureParameterSets);
  }

  /** ISO/IEC 14496-15 §5.3.3.1.2: the profiles whose record carries chroma and bit depths. */
  static boolean hasHighProfileFields(int profileIdc) {
    return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
  }

  private static List<ByteBuffer> readParameterSets(ByteBuffer in, int count, String what) {
    List<ByteBuffer> sets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 2) {
        throw fail("truncated before the length of " + what + " " + i);
      }
      int length = in.getShort() & 0xFFFF;
      if (length == 0 || length > in.remaining()) {
        throw fail(
            what + " " + i + " declares " + length + " bytes, " + in.remaining() + " remain");
      }
      byte[] set = new byte[length];
      in.get(set);
      sets.add(ByteBuffer.wrap(set));
    }
    return sets;
  }

  private static void writeParameterSets(ByteArrayOutputStream out, List<ByteBuffer> sets) {
    for (ByteBuffer set : sets) {
      out.write(set.remaining() >>> 8);
      out.write(set.remaining() & 0xFF);
      byte[] bytes = new byte[set.remaining()];
      set.duplicate().get(bytes);
      out.writeBytes(bytes);
    }
  }

  private static int u8(ByteBuffer in) {
    if (!in.hasRemaining()) {
      throw fail("truncated");
    }
    return in.get() & 0xFF;
  }

  private static List<ByteBuffer> readOnlyCopies(List<ByteBuffer> sets, int maxCount) {
    if (sets.size() > maxCount) {
      throw new IllegalArgumentException(
          sets.size() + " parameter sets do not fit in avcC (at most " + maxCount + ")");
    }
    List<ByteBuffer> copies = new ArrayList<>(sets.size());
    for (ByteBuffer set : sets) {
      if (set.remaining() == 0 || set.remaining() > 0xFFFF) {
        throw new IllegalArgumentException(
            "a parameter set must have 1..65535 bytes: " + set.remaining());
      }
      byte[] copy = new byte[set.remaining()];
      set.duplicate().get(copy);
      copies.add(ByteBuffer.wrap(copy).asReadOnlyBuffer());
    }
    return List.copyOf(copies);
  }

  private static List<ByteBuffer> duplicates(List<ByteBuffer> sets) {
    return sets.stream().map(ByteBuffer::duplicate).toList();
  }

  private static List<ByteBuffer> concat(List<ByteBuffer> a, List<ByteBuffer> b) {
    List<ByteBuffer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void checkRange(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ": " + value);
    }
  }

  private static PipelineException fail(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, "avcC: " + message);
  }
}
