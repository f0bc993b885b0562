package dev.abr.cmaf.box;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElementaryStreamDescriptorBoxTest {
  private static final ElementaryStreamDescriptorBox AAC_LC =
      new ElementaryStreamDescriptorBox(
          new EsDescriptor(
              0,
              0,
              new DecoderConfigDescriptor(
                  DecoderConfigDescriptor.AUDIO_ISO_14496_3,
                  DecoderConfigDescriptor.STREAM_TYPE_AUDIO,
                  false,
                  0,
                  0,
                  0,
                  Optional.of(ByteBuffer.wrap(new byte[] {0x11, (byte) 0x90}))),
              SlConfigDescriptor.MP4));

  @Test
  void write_aacLc_writesShortestDescriptorSizes() {
    assertThat(HexFormat.of().formatHex(BoxWriter.write(AAC_LC)))
        .isEqualTo(
            "00000027"
                + "65736473"
                + "00000000"
                + "0319"
                + "0000"
                + "00"
                + "0411"
                + "40"
                + "15"
                + "000000"
                + "00000000"
                + "00000000"
                + "0502"
                + "1190"
                + "0601"
                + "02");
  }

  @Test
  void read_fourByteDescriptorSizesAsFfmpegWrites_parsesTheSameDescriptor() {
    String esds =
        "00000033"
            + "65736473"
            + "00000000"
            + "03808080"
            + "22"
            + "0001"
            + "00"
            + "04808080"
            + "14"
            + "40"
            + "15"
            + "000000"
            + "00000000"
            + "00000000"
            + "05808080"
            + "02"
            + "1190"
            + "06808080"
            + "01"
            + "02";

    Box box = BoxReader.read(HexFormat.of().parseHex(esds)).get(0);

    assertThat(box)
        .isEqualTo(
            new ElementaryStreamDescriptorBox(
                new EsDescriptor(
                    1, 0, AAC_LC.descriptor().decoderConfig(), SlConfigDescriptor.MP4)));
  }

  @Test
  void write_descriptorOf200Bytes_usesTwoSizeBytes() {
    BoxOutput out = BoxOutput.counting();

    ElementaryStreamDescriptorBox.writeDescriptor(out, 5, content -> content.writeZeros(200));

    assertThat(out.position()).isEqualTo(1 + 2 + 200);
  }
}
