package dev.abr.cmaf.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxReaderTest {
  private static ByteBuffer hex(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
  }

  private static ErrorCode codeOf(Runnable read) {
    try {
      read.run();
    } catch (PipelineException e) {
      return e.code();
    }
    throw new AssertionError("expected a PipelineException");
  }

  @Test
  void read_knownBox_returnsItsRecord() {
    List<Box> boxes = BoxReader.read(hex("00000010" + "6d666864" + "00000000" + "0000002a"));

    assertThat(boxes).containsExactly(new MovieFragmentHeaderBox(42));
  }

  @Test
  void read_unknownBox_keepsItsPayload() {
    List<Box> boxes = BoxReader.read(hex("0000000b" + "66726565" + "010203"));

    assertThat(boxes).containsExactly(new UnknownBox(FourCc.of("free"), hex("010203")));
  }

  @Test
  void read_unknownBox_writesBackTheSameBytes() {
    ByteBuffer input = hex("0000000b" + "66726565" + "010203");

    assertThat(BoxWriter.write(BoxReader.read(input))).isEqualTo(input.array());
  }

  @Test
  void read_largesize_usesTheSixtyFourBitSize() {
    List<Box> boxes = BoxReader.read(hex("00000001" + "6d646174" + "0000000000000013" + "aabbcc"));

    assertThat(boxes).containsExactly(new MediaDataBox(hex("aabbcc")));
  }

  @Test
  void readPositioned_largesize_reportsTheSixteenByteHeader() {
    List<BoxReader.PositionedBox> boxes =
        BoxReader.readPositioned(hex("00000001" + "6d646174" + "0000000000000013" + "aabbcc"));

    assertThat(boxes.get(0).headerSize()).isEqualTo(16);
    assertThat(boxes.get(0).payloadOffset()).isEqualTo(16);
    assertThat(boxes.get(0).size()).isEqualTo(19);
  }

  @Test
  void read_sizeZero_extendsToTheEndOfTheInput() {
    List<Box> boxes = BoxReader.read(hex("00000000" + "6d646174" + "aabbccdd"));

    assertThat(boxes).containsExactly(new MediaDataBox(hex("aabbccdd")));
  }

  @Test
  void read_empty_returnsNoBoxes() {
    assertThat(BoxReader.read(ByteBuffer.allocate(0))).isEmpty();
  }

  @Test
  void read_positionOfInput_isNotChanged() {
    ByteBuffer input = hex("0000000b" + "66726565" + "010203");

    BoxReader.read(input);

    assertThat(input.position()).isZero();
  }

  @Test
  void read_sizeBelowEight_throwsInputUnreadable() {
    assertThatThrownBy(() -> BoxReader.read(hex("00000004" + "66726565")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("'free' at offset 0 has size 4 (below 8)");
  }

  @Test
  void read_sizeBeyondTheInput_throwsInputUnreadable() {
    assertThatThrownBy(() -> BoxReader.read(hex("00000020" + "6d646174" + "aabb")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("'mdat' at offset 0 declares 32 bytes but only 10 remain");
  }

  @Test
  void read_childOverrunningItsParent_namesTheParent() {
    // moof of 16 bytes whose child claims 16 bytes of the 8 left.
    ByteBuffer input = hex("00000010" + "6d6f6f66" + "00000010" + "6d666864");

    assertThatThrownBy(() -> BoxReader.read(input))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("'moof' at offset 0")
        .hasMessageContaining("'mfhd' at offset 8 declares 16 bytes but only 8 remain");
  }

  @Test
  void read_truncatedHeader_throwsInputUnreadable() {
    assertThat(codeOf(() -> BoxReader.read(hex("000000")))).isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void read_truncatedFields_namesTheBox() {
    // mfhd whose sequence number is missing.
    assertThatThrownBy(() -> BoxReader.read(hex("0000000c" + "6d666864" + "00000000")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("'mfhd' at offset 0: truncated");
  }

  @Test
  void read_extraBytesAfterTheFields_throwsInputUnreadable() {
    assertThatThrownBy(
            () -> BoxReader.read(hex("00000011" + "6d666864" + "00000000" + "00000001" + "ff")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("1 unexpected bytes");
  }

  @Test
  void read_unsupportedVersion_throwsInputUnsupportedFormat() {
    assertThat(codeOf(() -> BoxReader.read(hex("00000010" + "6d666864" + "01000000" + "00000001"))))
        .isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT);
  }

  @Test
  void read_trunWithAbsurdSampleCount_throwsBeforeAllocating() {
    // version 1, flags 0x000f01, sample_count 0xffffffff, data_offset, no samples.
    ByteBuffer trun = hex("00000014" + "7472756e" + "01000f01" + "ffffffff" + "00000000");

    assertThatThrownBy(() -> BoxReader.read(trun))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining(
            "sample_count 4294967295 needs 16 bytes each but only 0 bytes remain");
  }

  @Test
  void read_trunWithoutSampleFieldsAndHugeCount_throwsInputUnreadable() {
    ByteBuffer trun = hex("00000010" + "7472756e" + "01000000" + "7fffffff");

    assertThatThrownBy(() -> BoxReader.read(trun))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("without per-sample fields exceeds the limit");
  }

  @Test
  void read_stsdWithAbsurdEntryCount_throwsInputUnreadable() {
    ByteBuffer stsd = hex("00000010" + "73747364" + "00000000" + "ffffffff");

    assertThatThrownBy(() -> BoxReader.read(stsd))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("entry_count 4294967295");
  }

  @Test
  void read_deeplyNestedContainers_throwsInsteadOfExhaustingTheStack() {
    int levels = 10_000;
    ByteBuffer input = ByteBuffer.allocate(8 * levels);
    for (int i = 0; i < levels; i++) {
      input.putInt(8 * (levels - i)).putInt(FourCc.of("traf").value());
    }

    assertThatThrownBy(() -> BoxReader.read(input.flip()))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("nested deeper than");
  }

  @Test
  void read_containerMissingARequiredChild_namesTheChild() {
    ByteBuffer moof = hex("00000008" + "6d6f6f66");

    assertThatThrownBy(() -> BoxReader.read(moof))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("expected exactly one 'mfhd' child, found 0");
  }
}
