package dev.abr.cmaf.codec;

import static dev.abr.cmaf.codec.RealH264.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigurationRecordTest {
  /** avcC of the 1080p High stream: header, one SPS, one PPS, High-profile fields. */
  private static final String HIGH_1080P_AVCC =
      "01640028ffe1001b"
          + RealH264.HIGH_1080P_SPS
          + "010006"
          + RealH264.HIGH_1080P_PPS
          + "fdf8f800";

  @Test
  void fromExtradata_annexBWithSei_takesProfileCompatibilityAndLevelFromSps() {
    AvcDecoderConfigurationRecord record = RealH264.high1080pConfiguration();

    assertThat(record.profileIndication()).isEqualTo(100);
    assertThat(record.profileCompatibility()).isEqualTo(0);
    assertThat(record.levelIndication()).isEqualTo(40);
    assertThat(record.nalUnitLengthBytes()).isEqualTo(4);
  }

  @Test
  void fromExtradata_annexBWithSei_keepsOnlySpsAndPps() {
    AvcDecoderConfigurationRecord record = RealH264.high1080pConfiguration();

    assertThat(record.sequenceParameterSets()).containsExactly(bytes(RealH264.HIGH_1080P_SPS));
    assertThat(record.pictureParameterSets()).containsExactly(bytes(RealH264.HIGH_1080P_PPS));
  }

  @Test
  void fromExtradata_highProfile_includesChromaAndBitDepthFields() {
    AvcDecoderConfigurationRecord record = RealH264.high1080pConfiguration();

    assertThat(record.highProfileFields())
        .hasValueSatisfying(
            fields -> {
              assertThat(fields.chromaFormat()).isEqualTo(1);
              assertThat(fields.bitDepthLuma()).isEqualTo(8);
              assertThat(fields.bitDepthChroma()).isEqualTo(8);
              assertThat(fields.sequenceParameterSetExtensions()).isEmpty();
            });
  }

  @Test
  void fromExtradata_mainProfile_hasNoHighProfileFields() {
    AvcDecoderConfigurationRecord record =
        AvcDecoderConfigurationRecord.fromExtradata(
            RealH264.annexBExtradata(RealH264.MAIN_360P_SPS, RealH264.MAIN_360P_PPS));

    assertThat(record.highProfileFields()).isEmpty();
  }

  @Test
  void toByteArray_high1080p_writesIso14496Dash15Layout() {
    byte[] avcC = RealH264.high1080pConfiguration().toByteArray();

    assertThat(HexFormat.of().formatHex(avcC)).isEqualTo(HIGH_1080P_AVCC);
  }

  @Test
  void fromExtradata_avcCRecord_parsesItAsTheDemuxerGaveIt() {
    AvcDecoderConfigurationRecord record =
        AvcDecoderConfigurationRecord.fromExtradata(bytes(HIGH_1080P_AVCC));

    assertThat(record).isEqualTo(RealH264.high1080pConfiguration());
  }

  @Test
  void parse_highProfileWithoutTrailingFields_leavesThemEmpty() {
    String withoutFields = HIGH_1080P_AVCC.substring(0, HIGH_1080P_AVCC.length() - 8);

    AvcDecoderConfigurationRecord record =
        AvcDecoderConfigurationRecord.parse(bytes(withoutFields));

    assertThat(record.highProfileFields()).isEmpty();
  }

  @Test
  void parse_everyTruncationBeforeThePps_throwsInputUnreadable() {
    ByteBuffer avcC = bytes(HIGH_1080P_AVCC);
    int ppsEnd = 8 + 27 + 3 + 6;
    for (int length = 0; length < ppsEnd; length++) {
      ByteBuffer prefix = avcC.slice(0, length);
      assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(prefix))
          .as("prefix of %d bytes", length)
          .isInstanceOf(PipelineException.class)
          .extracting(e -> ((PipelineException) e).code())
          .isEqualTo(ErrorCode.INPUT_UNREADABLE);
    }
  }

  @Test
  void parse_versionOtherThanOne_throwsInputUnreadable() {
    assertThatThrownBy(
            () -> AvcDecoderConfigurationRecord.parse(bytes("02" + HIGH_1080P_AVCC.substring(2))))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("configurationVersion");
  }

  @Test
  void fromExtradata_withoutPps_throwsInputUnreadable() {
    ByteBuffer extradata = bytes("00000001" + RealH264.HIGH_1080P_SPS);

    assertThatThrownBy(() -> AvcDecoderConfigurationRecord.fromExtradata(extradata))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("1 SPS and 0 PPS");
  }

  @Test
  void codecs_high40_isAvc1640028() {
    assertThat(RealH264.high1080pConfiguration().codecs()).isEqualTo("avc1.640028");
  }

  @Test
  void codecs_main30_isAvc14d401e() {
    AvcDecoderConfigurationRecord record =
        AvcDecoderConfigurationRecord.fromExtradata(
            RealH264.annexBExtradata(RealH264.MAIN_360P_SPS, RealH264.MAIN_360P_PPS));

    assertThat(record.codecs()).isEqualTo("avc1.4d401e");
  }

  @Test
  void codecs_constrainedBaseline13_isAvc142c00d() {
    AvcDecoderConfigurationRecord record =
        AvcDecoderConfigurationRecord.fromExtradata(
            RealH264.annexBExtradata(RealH264.BASELINE_240P_SPS, RealH264.BASELINE_240P_PPS));

    assertThat(record.codecs()).isEqualTo("avc1.42c00d");
  }

  @Test
  void sequenceParameterSets_mutatingTheReturnedView_doesNotChangeTheRecord() {
    AvcDecoderConfigurationRecord record = RealH264.high1080pConfiguration();

    record.sequenceParameterSets().get(0).position(5);

    assertThat(record.sequenceParameterSets().get(0).position()).isZero();
  }
}
