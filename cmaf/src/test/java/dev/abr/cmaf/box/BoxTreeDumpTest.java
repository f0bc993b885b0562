package dev.abr.cmaf.box;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoxTreeDumpTest {
  @Test
  void of_nestedBoxes_indentsChildrenWithTheirOffsets() {
    MovieFragmentBox moof =
        new MovieFragmentBox(
            new MovieFragmentHeaderBox(3),
            List.of(
                new TrackFragmentBox(
                    TrackFragmentHeaderBox.defaultBaseIsMoof(1),
                    Optional.of(TrackFragmentBaseMediaDecodeTimeBox.of(90_000)),
                    List.of(),
                    List.of())),
            List.of());

    assertThat(BoxTreeDump.of(List.of(moof)))
        .isEqualTo(
            """
            moof @0 size=68
              mfhd @8 size=16 sequenceNumber=3
              traf @24 size=44
                tfhd @32 size=16 flags=0x020000 trackId=1 defaultBaseIsMoof
                tfdt @48 size=20 version=1 baseMediaDecodeTime=90000
            """);
  }

  @Test
  void of_trackRun_listsEachSampleOnItsOwnLine() {
    TrackRunBox trun =
        TrackRunBox.of(
            96,
            List.of(
                new TrackRunSample(3600, 10, SampleFlags.SYNC, 0),
                new TrackRunSample(3600, 4, SampleFlags.NON_SYNC, -3600)));

    assertThat(BoxTreeDump.of(List.of(trun)))
        .isEqualTo(
            """
            trun @0 size=52 version=1 flags=0x000f01 sampleCount=2 dataOffset=96
              - sample[0] duration=3600 size=10 flags=0x02000000[sync,dependsOn=2] compositionOffset=0
              - sample[1] duration=3600 size=4 flags=0x01010000[nonSync,dependsOn=1] compositionOffset=-3600
            """);
  }

  @Test
  void of_shortPayload_printsHex() {
    assertThat(BoxTreeDump.of(List.of(new MediaDataBox(ByteBuffer.wrap(new byte[] {1, 2})))))
        .isEqualTo("mdat @0 size=10 data=2 bytes 0102\n");
  }

  @Test
  void of_longPayload_printsSha256Prefix() {
    // SHA-256 of 33 zero bytes starts with 7f9c9e31ac8256ca.
    assertThat(BoxTreeDump.of(List.of(new MediaDataBox(ByteBuffer.allocate(33)))))
        .isEqualTo("mdat @0 size=41 data=33 bytes sha256=7f9c9e31ac8256ca\n");
  }

  @Test
  void of_bytes_parsesThenDumps() {
    byte[] bytes = BoxWriter.write(new MovieFragmentHeaderBox(9));

    assertThat(BoxTreeDump.of(bytes)).isEqualTo("mfhd @0 size=16 sequenceNumber=9\n");
  }
}
