package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Adobe Video File Format Specification 10.1 §E.2-E.4. */
class FlvTagTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void fileHeader_isVersionOneWithAudioAndVideoFlagsAndFirstPreviousTagSize() {
    assertThat(HEX.formatHex(FlvTag.fileHeader()))
        .isEqualTo("464c5601" + "05" + "00000009" + "00000000");
  }

  @Test
  void toBytes_videoTag_writesHeaderBodyAndPreviousTagSize() {
    FlvTag tag = new FlvTag(FlvTag.Type.VIDEO, 40, ByteBuffer.wrap(HEX.parseHex("1701000000")));

    assertThat(HEX.formatHex(tag.toBytes()))
        .isEqualTo("09" + "000005" + "000028" + "00" + "000000" + "1701000000" + "00000010");
  }

  @Test
  void toBytes_timestampAbove24Bits_putsUpperByteInTimestampExtended() {
    FlvTag tag = new FlvTag(FlvTag.Type.AUDIO, 0x8123_4567L, ByteBuffer.wrap(HEX.parseHex("af01")));

    assertThat(HEX.formatHex(tag.toBytes(), 4, 8)).isEqualTo("23456781");
  }

  @Test
  void keyFrame_legacyAndEnhancedVideoHeaders_readFrameTypeOne() {
    assertThat(new FlvTag(FlvTag.Type.VIDEO, 0, ByteBuffer.wrap(HEX.parseHex("17"))).keyFrame())
        .isTrue();
    assertThat(new FlvTag(FlvTag.Type.VIDEO, 0, ByteBuffer.wrap(HEX.parseHex("27"))).keyFrame())
        .isFalse();
    assertThat(
            new FlvTag(FlvTag.Type.VIDEO, 0, ByteBuffer.wrap(HEX.parseHex("9168766331")))
                .keyFrame())
        .as("Enhanced RTMP: IsExHeader, key frame, coded frames, 'hvc1'")
        .isTrue();
  }
}
