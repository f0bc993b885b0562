package dev.abr.cmaf.codec;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.time.Rational;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that packaging needs.
 *
 * @param profileIdc {@code profile_idc}, for example 66 (Baseline), 77 (Main), 100 (High)
 * @param constraintFlags the byte after {@code profile_idc}: {@code constraint_set0_flag} in the
 *     top bit through {@code constraint_set5_flag}, then {@code reserved_zero_2bits}
 * @param levelIdc {@code level_idc}, ten times the level (40 for 4.0)
 * @param seqParameterSetId {@code seq_parameter_set_id}
 * @param chromaFormatIdc {@code chroma_format_idc}: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma luma bit depth, 8..14
 * @param bitDepthChroma chroma bit depth, 8..14
 * @param frameMbsOnly {@code frame_mbs_only_flag}: false if fields may be coded
 * @param widthPixels picture width after the frame cropping
 * @param heightPixels picture height after the frame cropping
 * @param sampleAspectRatio pixel aspect ratio from the VUI ({@code aspect_ratio_idc}, Table E-1),
 *     if signalled and not unspecified
 */
public record SequenceParameterSet(
    int profileIdc,
    int constraintFlags,
    int levelIdc,
    int seqParameterSetId,
    int chromaFormatIdc,
    int bitDepthLuma,
    int bitDepthChroma,
    boolean frameMbsOnly,
    int widthPixels,
    int heightPixels,
    Optional<Rational> sampleAspectRatio) {
  public SequenceParameterSet {
    if (widthPixels <= 0 || heightPixels <= 0) {
      throw new IllegalArgumentException(
          "picture size must be positive: " + widthPixels + "x" + heightPixels);
    }
  }

  /**
   * Parses a sequence parameter set NAL unit (header byte included, emulation prevention bytes
   * included, no start code or length prefix).
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if it is not a well-formed SPS
   */
  public static SequenceParameterSet parse(ByteBuffer nalUnit) {
    return SequenceParameterSetParser.parse(nalUnit);
  }
}
