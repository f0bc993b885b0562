package dev.abr.cmaf.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoxWriterTest {
  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void write_plainBox_writesSizeTypeAndPayload() {
    byte[] bytes = BoxWriter.write(new PixelAspectRatioBox(16, 15));

    assertThat(hex(bytes)).isEqualTo("00000010" + "70617370" + "00000010" + "0000000f");
  }

  @Test
  void write_fullBox_writesVersionAndFlagsBeforeThePayload() {
    byte[] bytes = BoxWriter.write(new MovieFragmentHeaderBox(7));

    assertThat(hex(bytes)).isEqualTo("00000010" + "6d666864" + "00" + "000000" + "00000007");
  }

  @Test
  void write_container_sizesIncludeTheChildren() {
    MovieFragmentBox moof =
        new MovieFragmentBox(new MovieFragmentHeaderBox(1), List.of(), List.of());

    byte[] bytes = BoxWriter.write(moof);

    assertThat(hex(bytes))
        .isEqualTo("00000018" + "6d6f6f66" + "00000010" + "6d666864" + "00000000" + "00000001");
  }

  @Test
  void write_tfhdDefaultBaseIsMoof_writesFlag0x020000AndOnlyTheTrackId() {
    byte[] bytes = BoxWriter.write(TrackFragmentHeaderBox.defaultBaseIsMoof(1));

    assertThat(hex(bytes)).isEqualTo("00000010" + "74666864" + "00" + "020000" + "00000001");
  }

  @Test
  void write_tfdt_writesVersion1With64Bits() {
    byte[] bytes = BoxWriter.write(TrackFragmentBaseMediaDecodeTimeBox.of(0x1_0000_0000L));

    assertThat(hex(bytes)).isEqualTo("00000014" + "74666474" + "01000000" + "0000000100000000");
  }

  @Test
  void write_severalBoxes_concatenatesThem() {
    byte[] bytes =
        BoxWriter.write(
            new MediaDataBox(ByteBuffer.wrap(new byte[] {1})), PixelAspectRatioBox.SQUARE);

    assertThat(bytes).hasSize(9 + 16);
    assertThat(hex(bytes).substring(0, 18)).isEqualTo("00000009" + "6d646174" + "01");
  }

  @Test
  void size_trackRun_matchesTheWrittenLength() {
    TrackRunBox trun =
        TrackRunBox.of(100, List.of(new TrackRunSample(3000, 10, SampleFlags.SYNC, 0)));

    assertThat(BoxWriter.size(trun)).isEqualTo(BoxWriter.write(trun).length);
  }

  @Test
  void write_valueTooLargeForItsField_throwsIllegalArgument() {
    assertThatThrownBy(() -> new MovieFragmentHeaderBox(1L << 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence_number");
  }

  @Test
  void write_urlSelfContained_writesFlag1AndNoLocation() {
    byte[] bytes = BoxWriter.write(DataEntryUrlBox.SELF_CONTAINED);

    assertThat(hex(bytes)).isEqualTo("0000000c" + "75726c20" + "00000001");
  }

  @Test
  void write_visualSampleEntry_writes78BytesOfFieldsBeforeChildren() {
    VisualSampleEntry entry =
        VisualSampleEntry.avc1(
            640,
            360,
            new AvcConfigurationBox(dev.abr.cmaf.codec.RealH264.high1080pConfiguration()),
            Optional.empty());

    long childBytes = BoxWriter.size(entry.avcConfiguration());

    assertThat(BoxWriter.size(entry)).isEqualTo(8 + 78 + childBytes);
  }
}
