package dev.abr.cmaf.codec;

import static dev.abr.cmaf.codec.RealH264.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.time.Rational;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SequenceParameterSetTest {
  @Test
  void parse_high1080p_returnsHighProfileLevel40() {
    SequenceParameterSet sps = SequenceParameterSet.parse(bytes(RealH264.HIGH_1080P_SPS));

    assertThat(sps.profileIdc()).isEqualTo(100);
    assertThat(sps.constraintFlags()).isEqualTo(0x00);
    assertThat(sps.levelIdc()).isEqualTo(40);
  }

  @Test
  void parse_high1080p_returnsCroppedSizeAndChromaFields() {
    SequenceParameterSet sps = SequenceParameterSet.parse(bytes(RealH264.HIGH_1080P_SPS));

    assertThat(sps.widthPixels()).isEqualTo(1920);
    assertThat(sps.heightPixels()).isEqualTo(1080);
    assertThat(sps.chromaFormatIdc()).isEqualTo(1);
    assertThat(sps.bitDepthLuma()).isEqualTo(8);
    assertThat(sps.bitDepthChroma()).isEqualTo(8);
    assertThat(sps.frameMbsOnly()).isTrue();
  }

  @Test
  void parse_main360p_appliesFrameCroppingOfCoded368Lines() {
    SequenceParameterSet sps = SequenceParameterSet.parse(bytes(RealH264.MAIN_360P_SPS));

    assertThat(sps.profileIdc()).isEqualTo(77);
    assertThat(sps.levelIdc()).isEqualTo(30);
    assertThat(sps.widthPixels()).isEqualTo(640);
    assertThat(sps.heightPixels()).isEqualTo(360);
  }

  @Test
  void parse_constrainedBaseline_returnsProfile66WithConstraintSet0And1() {
    SequenceParameterSet sps = SequenceParameterSet.parse(bytes(RealH264.BASELINE_240P_SPS));

    assertThat(sps.profileIdc()).isEqualTo(66);
    assertThat(sps.constraintFlags()).isEqualTo(0xc0);
    assertThat(sps.levelIdc()).isEqualTo(13);
    assertThat(sps.widthPixels()).isEqualTo(320);
    assertThat(sps.heightPixels()).isEqualTo(240);
  }

  @Test
  void parse_squarePixelStream_returnsSampleAspectRatioOne() {
    SequenceParameterSet sps = SequenceParameterSet.parse(bytes(RealH264.MAIN_360P_SPS));

    assertThat(sps.sampleAspectRatio()).contains(Rational.of(1));
  }

  @Test
  void parse_extendedSar_returnsSarWidthAndHeightFromVui() {
    SequenceParameterSet sps = SequenceParameterSet.parse(bytes(RealH264.MAIN_576P_SAR_16_15_SPS));

    assertThat(sps.sampleAspectRatio()).isEqualTo(Optional.of(Rational.of(16, 15)));
    assertThat(sps.widthPixels()).isEqualTo(720);
    assertThat(sps.heightPixels()).isEqualTo(576);
  }

  @Test
  void parse_tableSar_returnsTableE1Value() {
    SequenceParameterSet sps =
        SequenceParameterSet.parse(bytes(RealH264.HIGH_1440X1080_SAR_4_3_SPS));

    assertThat(sps.sampleAspectRatio()).contains(Rational.of(4, 3));
  }

  @Test
  void parse_headerOnly_throwsInputUnreadable() {
    assertThatThrownBy(() -> SequenceParameterSet.parse(bytes("67640028")))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void parse_everyPrefix_throwsPipelineExceptionOrReturnsTheSameFields() {
    ByteBuffer sps = bytes(RealH264.HIGH_1080P_SPS);
    SequenceParameterSet full = SequenceParameterSet.parse(sps);
    for (int length = 0; length < sps.remaining(); length++) {
      ByteBuffer prefix = sps.slice(0, length);
      try {
        assertThat(SequenceParameterSet.parse(prefix))
            .as("prefix of %d bytes", length)
            .isEqualTo(full);
      } catch (PipelineException expected) {
        assertThat(expected.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE);
      }
    }
  }

  @Test
  void parse_pictureParameterSet_throwsInputUnreadable() {
    assertThatThrownBy(() -> SequenceParameterSet.parse(bytes(RealH264.HIGH_1080P_PPS)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("not a sequence parameter set");
  }
}
