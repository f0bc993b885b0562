package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.SegmentTypeBox;
import dev.abr.cmaf.box.TrackFragmentBox;
import dev.abr.cmaf.box.TrackFragmentHeaderBox;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SegmentRewriterTest {
  private static byte[] videoFragment(long sequenceNumber) {
    return FragmentWriter.writeFragment(
        TestTracks.video1080p(), sequenceNumber, 0, TestTracks.videoGopWithBFrames());
  }

  @Test
  void rewrite_fragment_isTheSegmentTheWriterWouldWrite() {
    byte[] segment = SegmentRewriter.rewrite(videoFragment(1), 42);

    assertThat(segment)
        .isEqualTo(
            FragmentWriter.writeSegment(
                TestTracks.video1080p(), 42, 0, TestTracks.videoGopWithBFrames()));
  }

  @Test
  void rewrite_segment_replacesItsStypInsteadOfAddingOne() {
    byte[] segment =
        FragmentWriter.writeSegment(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames());

    List<Box> boxes = BoxReader.read(SegmentRewriter.rewrite(segment, 2));

    assertThat(boxes).filteredOn(SegmentTypeBox.class::isInstance).hasSize(1);
    assertThat(((MovieFragmentBox) boxes.get(1)).header().sequenceNumber()).isEqualTo(2);
  }

  @Test
  void rewrite_fragment_keepsSampleBytesAndTimes() {
    Fragment before = FragmentReader.read(videoFragment(1));

    Fragment after = FragmentReader.read(SegmentRewriter.rewrite(videoFragment(1), 9));

    assertThat(after.sequenceNumber()).isEqualTo(9);
    assertThat(after.samples()).isEqualTo(before.samples());
  }

  @Test
  void rewrite_absoluteBaseDataOffset_throwsInputUnsupportedFormat() {
    List<Box> boxes = BoxReader.read(videoFragment(1));
    MovieFragmentBox moof = (MovieFragmentBox) boxes.get(0);
    TrackFragmentBox traf = moof.trackFragments().get(0);
    TrackFragmentHeaderBox absolute =
        new TrackFragmentHeaderBox(
            1,
            OptionalLong.of(0),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            false,
            false);
    // The 8 bytes of base_data_offset move the samples by 8; compensate in the data offset.
    int dataOffset = traf.runs().get(0).dataOffset().getAsInt() + 8;
    MovieFragmentBox changed =
        new MovieFragmentBox(
            moof.header(),
            List.of(
                new TrackFragmentBox(
                    absolute,
                    traf.decodeTime(),
                    List.of(traf.runs().get(0).withDataOffset(dataOffset)),
                    List.of())),
            List.of());
    byte[] bytes = BoxWriter.write(changed, boxes.get(1));

    assertThatThrownBy(() -> SegmentRewriter.rewrite(bytes, 2))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("absolute base data offset")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT);
  }
}
