package dev.abr.cmaf.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrackRunBoxTest {
  @Test
  void write_version1_writesSignedCompositionOffsets() {
    TrackRunBox trun =
        TrackRunBox.of(0x70, List.of(new TrackRunSample(3600, 5, SampleFlags.NON_SYNC, -3600)));

    assertThat(HexFormat.of().formatHex(BoxWriter.write(trun)))
        .isEqualTo(
            "00000024"
                + "7472756e"
                + "01000f01"
                + "00000001"
                + "00000070"
                + "00000e10"
                + "00000005"
                + "01010000"
                + "fffff1f0");
  }

  @Test
  void read_writtenRun_returnsTheSameRecord() {
    TrackRunBox trun =
        TrackRunBox.of(
            120,
            List.of(
                new TrackRunSample(3600, 500, SampleFlags.SYNC, 7200),
                new TrackRunSample(3600, 40, SampleFlags.NON_SYNC, -3600)));

    assertThat(BoxReader.read(BoxWriter.write(trun))).containsExactly(trun);
  }

  @Test
  void read_runWithFirstSampleFlagsAndSizesOnly_keepsWhichFieldsArePresent() {
    TrackRunBox trun =
        new TrackRunBox(
            0,
            OptionalInt.empty(),
            Optional.of(SampleFlags.SYNC),
            EnumSet.of(TrackRunBox.SampleField.SIZE),
            List.of(
                new TrackRunSample(0, 10, SampleFlags.NONE, 0),
                new TrackRunSample(0, 11, SampleFlags.NONE, 0)));

    byte[] bytes = BoxWriter.write(trun);

    assertThat(trun.flags()).isEqualTo(0x000204);
    assertThat(BoxReader.read(bytes)).containsExactly(trun);
  }

  @Test
  void new_negativeOffsetInVersion0_throwsIllegalArgument() {
    assertThatThrownBy(
            () ->
                new TrackRunBox(
                    0,
                    OptionalInt.of(0),
                    Optional.empty(),
                    EnumSet.allOf(TrackRunBox.SampleField.class),
                    List.of(new TrackRunSample(1, 1, SampleFlags.SYNC, -1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs trun version 1");
  }

  @Test
  void new_valueForAnAbsentField_throwsIllegalArgument() {
    assertThatThrownBy(
            () ->
                new TrackRunBox(
                    1,
                    OptionalInt.empty(),
                    Optional.empty(),
                    EnumSet.of(TrackRunBox.SampleField.SIZE),
                    List.of(new TrackRunSample(3000, 1, SampleFlags.NONE, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not carry DURATION");
  }
}
