package dev.abr.cmaf.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.PipelineException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BitReaderTest {
  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @Test
  void unescapeRbsp_zeroZeroThree_dropsTheThree() {
    assertThat(BitReader.unescapeRbsp(hex("11000003012200000300")))
        .isEqualTo(hex("1100000122000000"));
  }

  @Test
  void unescapeRbsp_threeAfterSingleZero_keepsIt() {
    assertThat(BitReader.unescapeRbsp(hex("110003"))).isEqualTo(hex("110003"));
  }

  @Test
  void readUnsignedExpGolomb_codes_decodeToCodeNumbers() {
    // 1 | 010 | 011 | 00100 -> 0, 1, 2, 3
    BitReader in = new BitReader(hex("a640"), "test");

    assertThat(in.readUnsignedExpGolomb()).isZero();
    assertThat(in.readUnsignedExpGolomb()).isEqualTo(1);
    assertThat(in.readUnsignedExpGolomb()).isEqualTo(2);
    assertThat(in.readUnsignedExpGolomb()).isEqualTo(3);
  }

  @Test
  void readSignedExpGolomb_codes_alternateSigns() {
    // codeNum 1, 2, 3, 4 -> +1, -1, +2, -2: 010 011 00100 00101
    BitReader in = new BitReader(hex("4c85"), "test");

    assertThat(in.readSignedExpGolomb()).isEqualTo(1);
    assertThat(in.readSignedExpGolomb()).isEqualTo(-1);
    assertThat(in.readSignedExpGolomb()).isEqualTo(2);
    assertThat(in.readSignedExpGolomb()).isEqualTo(-2);
  }

  @Test
  void readUnsignedExpGolomb_moreThan31LeadingZeros_throwsPipelineException() {
    BitReader in = new BitReader(hex("0000000000ff"), "test");

    assertThatThrownBy(in::readUnsignedExpGolomb)
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("longer than 32 bits");
  }

  @Test
  void readBits_pastTheEnd_throwsPipelineException() {
    BitReader in = new BitReader(hex("ff"), "test");
    in.readBits(6);

    assertThatThrownBy(() -> in.readBits(3))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("test is truncated");
  }
}
