package dev.abr.cmaf.codec;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.time.Rational;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/** Parses {@code seq_parameter_set_data()} up to the VUI aspect ratio (ITU-T H.264 §7.3.2.1.1). */
final class SequenceParameterSetParser {
  /** Profiles whose SPS carries chroma_format_idc, bit depths and scaling lists (§7.3.2.1.1). */
  private static final Set<Integer> CHROMA_PROFILES =
      Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

  private static final int EXTENDED_SAR = 255;

  /** Table E-1: sample aspect ratios of aspect_ratio_idc 1..16 as {width, height}. */
  private static final int[][] SAR_TABLE = {
    {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11}, {20, 11}, {32, 11},
    {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}
  };

  /** The sample entry stores the size in 16 bits; anything larger is not a real stream. */
  private static final int MAX_DIMENSION = 0xFFFF;

  private SequenceParameterSetParser() {}

  static SequenceParameterSet parse(ByteBuffer nalUnit) {
    ByteBuffer nal = nalUnit.duplicate();
    if (!nal.hasRemaining()) {
      throw fail("the SPS NAL unit is empty");
    }
    int header = nal.get() & 0xFF;
    if ((header & 0x1F) != NalUnitType.SPS) {
      throw fail("NAL unit type " + (header & 0x1F) + " is not a sequence parameter set (7)");
    }
    byte[] payload = new byte[nal.remaining()];
    nal.get(payload);
    BitReader in = new BitReader(BitReader.unescapeRbsp(payload), "H.264 SPS");

    int profileIdc = (int) in.readBits(8);
    int constraintFlags = (int) in.readBits(8);
    int levelIdc = (int) in.readBits(8);
    int spsId = in.readUnsignedExpGolomb(31, "seq_parameter_set_id");
    int chromaFormatIdc = 1;
    boolean separateColourPlane = false;
    int bitDepthLuma = 8;
    int bitDepthChroma = 8;
    if (CHROMA_PROFILES.contains(profileIdc)) {
      chromaFormatIdc = in.readUnsignedExpGolomb(3, "chroma_format_idc");
      if (chromaFormatIdc == 3) {
        separateColourPlane = in.readFlag();
      }
      bitDepthLuma = 8 + in.readUnsignedExpGolomb(6, "bit_depth_luma_minus8");
      bitDepthChroma = 8 + in.readUnsignedExpGolomb(6, "bit_depth_chroma_minus8");
      in.readFlag(); // qpprime_y_zero_transform_bypass_flag
      if (in.readFlag()) { // seq_scaling_matrix_present_flag
        int lists = chromaFormatIdc != 3 ? 8 : 12;
        for (int i = 0; i < lists; i++) {
          if (in.readFlag()) { // seq_scaling_list_present_flag[i]
            skipScalingList(in, i < 6 ? 16 : 64);
          }
        }
      }
    }
    in.readUnsignedExpGolomb(12, "log2_max_frame_num_minus4");
    int picOrderCntType = in.readUnsignedExpGolomb(2, "pic_order_cnt_type");
    if (picOrderCntType == 0) {
      in.readUnsignedExpGolomb(12, "log2_max_pic_order_cnt_lsb_minus4");
    } else if (picOrderCntType == 1) {
      in.readFlag(); // delta_pic_order_always_zero_flag
      in.readSignedExpGolomb(); // offset_for_non_ref_pic
      in.readSignedExpGolomb(); // offset_for_top_to_bottom_field
      int cycle = in.readUnsignedExpGolomb(255, "num_ref_frames_in_pic_order_cnt_cycle");
      for (int i = 0; i < cycle; i++) {
        in.readSignedExpGolomb(); // offset_for_ref_frame[i]
      }
    }
    in.readUnsignedExpGolomb(); // max_num_ref_frames
    in.readFlag(); // gaps_in_frame_num_value_allowed_flag
    long widthInMbs = in.readUnsignedExpGolomb() + 1;
    long heightInMapUnits = in.readUnsignedExpGolomb() + 1;
    boolean frameMbsOnly = in.readFlag();
    if (!frameMbsOnly) {
      in.readFlag(); // mb_adaptive_frame_field_flag
    }
    in.readFlag(); // direct_8x8_inference_flag
    long cropLeft = 0;
    long cropRight = 0;
    long cropTop = 0;
    long cropBottom = 0;
    if (in.readFlag()) { // frame_cropping_flag
      cropLeft = in.readUnsignedExpGolomb();
      cropRight = in.readUnsignedExpGolomb();
      cropTop = in.readUnsignedExpGolomb();
      cropBottom = in.readUnsignedExpGolomb();
    }
    // §7.4.2.1.1: crop units depend on ChromaArrayType and on field coding.
    int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
    int frameHeightFactor = frameMbsOnly ? 1 : 2;
    long cropUnitX;
    long cropUnitY;
    if (chromaArrayType == 0) {
      cropUnitX = 1;
      cropUnitY = frameHeightFactor;
    } else {
      int subWidthC = chromaFormatIdc == 3 ? 1 : 2;
      int subHeightC = chromaFormatIdc == 1 ? 2 : 1;
      cropUnitX = subWidthC;
      cropUnitY = (long) subHeightC * frameHeightFactor;
    }
    long width = widthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
    long height = frameHeightFactor * heightInMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
    if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
      throw fail("picture size " + width + "x" + height + " after cropping is not plausible");
    }
    Optional<Rational> sampleAspectRatio = Optional.empty();
    if (in.readFlag()) { // vui_parameters_present_flag
      sampleAspectRatio = readSampleAspectRatio(in);
    }
    return new SequenceParameterSet(
        profileIdc,
        constraintFlags,
        levelIdc,
        spsId,
        chromaFormatIdc,
        bitDepthLuma,
        bitDepthChroma,
        frameMbsOnly,
        (int) width,
        (int) height,
        sampleAspectRatio);
  }

  /** Annex E.1.1: {@code aspect_ratio_info_present_flag} and what follows it. */
  private static Optional<Rational> readSampleAspectRatio(BitReader in) {
    if (!in.readFlag()) { // aspect_ratio_info_present_flag
      return Optional.empty();
    }
    int idc = (int) in.readBits(8);
    if (idc == EXTENDED_SAR) {
      long sarWidth = in.readBits(16);
      long sarHeight = in.readBits(16);
      return sarWidth == 0 || sarHeight == 0
          ? Optional.empty()
          : Optional.of(Rational.of(sarWidth, sarHeight));
    }
    if (idc >= 1 && idc <= SAR_TABLE.length) {
      return Optional.of(Rational.of(SAR_TABLE[idc - 1][0], SAR_TABLE[idc - 1][1]));
    }
    return Optional.empty(); // 0: unspecified; 17..254: reserved
  }

  /** §7.3.2.1.1.1 {@code scaling_list()}: read only to get past it. */
  private static void skipScalingList(BitReader in, int size) {
    long lastScale = 8;
    long nextScale = 8;
    for (int j = 0; j < size; j++) {
      if (nextScale != 0) {
        long deltaScale = in.readSignedExpGolomb();
        nextScale = Math.floorMod(lastScale + deltaScale + 256, 256);
      }
      lastScale = nextScale == 0 ? lastScale : nextScale;
    }
  }

  private static PipelineException fail(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, "H.264 SPS: " + message);
  }
}
