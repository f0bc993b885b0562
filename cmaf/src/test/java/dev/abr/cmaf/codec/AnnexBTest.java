package dev.abr.cmaf.codec;

import static dev.abr.cmaf.codec.RealH264.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnexBTest {
  private static List<String> hexOf(List<ByteBuffer> nalUnits) {
    return nalUnits.stream().map(AnnexBTest::hex).toList();
  }

  private static String hex(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void splitNalUnits_fourAndThreeByteStartCodes_returnsEachNalUnit() {
    List<ByteBuffer> nalUnits =
        AnnexB.splitNalUnits(bytes("00000001" + "0910" + "000001" + "65aabb"));

    assertThat(hexOf(nalUnits)).containsExactly("0910", "65aabb");
  }

  @Test
  void splitNalUnits_leadingZeroBytes_areSkipped() {
    List<ByteBuffer> nalUnits = AnnexB.splitNalUnits(bytes("0000000000000001" + "65aa"));

    assertThat(hexOf(nalUnits)).containsExactly("65aa");
  }

  @Test
  void splitNalUnits_trailingZeroBytes_areDropped() {
    List<ByteBuffer> nalUnits = AnnexB.splitNalUnits(bytes("000001" + "65aa" + "000000"));

    assertThat(hexOf(nalUnits)).containsExactly("65aa");
  }

  @Test
  void splitNalUnits_adjacentStartCodes_skipEmptyNalUnits() {
    List<ByteBuffer> nalUnits = AnnexB.splitNalUnits(bytes("000001" + "000001" + "65aa"));

    assertThat(hexOf(nalUnits)).containsExactly("65aa");
  }

  @Test
  void splitNalUnits_emulationPreventionInsideNalUnit_keepsTheBytes() {
    List<ByteBuffer> nalUnits =
        AnnexB.splitNalUnits(bytes("000001" + "6500000301" + "000001" + "41"));

    assertThat(hexOf(nalUnits)).containsExactly("6500000301", "41");
  }

  @Test
  void splitNalUnits_empty_returnsNoNalUnits() {
    assertThat(AnnexB.splitNalUnits(ByteBuffer.allocate(0))).isEmpty();
  }

  @Test
  void splitNalUnits_lengthPrefixedInput_throwsInputUnreadable() {
    assertThatThrownBy(() -> AnnexB.splitNalUnits(bytes("0000000265aa")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("already length-prefixed")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void toLengthPrefixed_accessUnit_dropsAudSpsAndPpsButKeepsSeiAndSlices() {
    ByteBuffer accessUnit =
        bytes(
            "00000001"
                + "0910"
                + "00000001"
                + RealH264.HIGH_1080P_SPS
                + "00000001"
                + RealH264.HIGH_1080P_PPS
                + "000001"
                + "0605011180"
                + "000001"
                + "6588aabb");

    ByteBuffer sample = AnnexB.toLengthPrefixed(accessUnit);

    assertThat(hex(sample)).isEqualTo("00000005" + "0605011180" + "00000004" + "6588aabb");
  }

  @Test
  void toLengthPrefixed_largeNalUnit_writesFourByteBigEndianLength() {
    byte[] nalUnit = new byte[70_000];
    java.util.Arrays.fill(nalUnit, (byte) 0x55);
    nalUnit[0] = 0x65;
    ByteBuffer accessUnit =
        ByteBuffer.allocate(3 + nalUnit.length).put(new byte[] {0, 0, 1}).put(nalUnit).flip();

    ByteBuffer sample = AnnexB.toLengthPrefixed(accessUnit);

    assertThat(sample.remaining()).isEqualTo(4 + 70_000);
    assertThat(sample.getInt(0)).isEqualTo(70_000);
  }

  @Test
  void toLengthPrefixed_onlyDelimiterAndParameterSets_throwsInputUnreadable() {
    ByteBuffer accessUnit = bytes("00000001" + "0910" + "00000001" + RealH264.HIGH_1080P_SPS);

    assertThatThrownBy(() -> AnnexB.toLengthPrefixed(accessUnit))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("holds no NAL unit");
  }

  @Test
  void toLengthPrefixed_input_isNotModified() {
    ByteBuffer accessUnit = bytes("000001" + "6588aabb");
    int position = accessUnit.position();

    AnnexB.toLengthPrefixed(accessUnit);

    assertThat(accessUnit.position()).isEqualTo(position);
  }
}
