package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.MediaDataBox;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.MovieFragmentHeaderBox;
import dev.abr.cmaf.box.SampleFlags;
import dev.abr.cmaf.box.TrackFragmentBaseMediaDecodeTimeBox;
import dev.abr.cmaf.box.TrackFragmentBox;
import dev.abr.cmaf.box.TrackFragmentHeaderBox;
import dev.abr.cmaf.box.TrackRunBox;
import dev.abr.cmaf.box.TrackRunSample;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FragmentReaderTest {
  private static final long BASE = 360_000;

  private static Fragment videoFragment() {
    return FragmentReader.read(
        FragmentWriter.writeFragment(
            TestTracks.video1080p(), 3, BASE, TestTracks.videoGopWithBFrames()));
  }

  /** A fragment whose trun carries only sizes, with duration and flags defaults in tfhd. */
  private static byte[] fragmentWithTfhdDefaults(Optional<SampleFlags> defaultFlags) {
    TrackRunBox trun =
        new TrackRunBox(
            0,
            OptionalInt.of(0),
            Optional.of(SampleFlags.SYNC),
            EnumSet.of(TrackRunBox.SampleField.SIZE),
            List.of(
                new TrackRunSample(0, 2, SampleFlags.NONE, 0),
                new TrackRunSample(0, 3, SampleFlags.NONE, 0)));
    TrackFragmentHeaderBox tfhd =
        new TrackFragmentHeaderBox(
            1,
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.of(1024),
            OptionalLong.empty(),
            defaultFlags,
            false,
            true);
    MovieFragmentBox moof =
        new MovieFragmentBox(
            new MovieFragmentHeaderBox(1),
            List.of(
                new TrackFragmentBox(
                    tfhd,
                    Optional.of(TrackFragmentBaseMediaDecodeTimeBox.of(0)),
                    List.of(trun),
                    List.of())),
            List.of());
    int dataOffset = (int) BoxWriter.size(moof) + 8;
    MovieFragmentBox located =
        new MovieFragmentBox(
            moof.header(),
            List.of(
                new TrackFragmentBox(
                    tfhd,
                    moof.trackFragments().get(0).decodeTime(),
                    List.of(trun.withDataOffset(dataOffset)),
                    List.of())),
            List.of());
    return BoxWriter.write(located, new MediaDataBox(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5})));
  }

  @Test
  void read_videoFragment_returnsSequenceNumberTrackAndBaseDecodeTime() {
    Fragment fragment = videoFragment();

    assertThat(fragment.sequenceNumber()).isEqualTo(3);
    assertThat(fragment.trackId()).isEqualTo(1);
    assertThat(fragment.baseMediaDecodeTimeTicks()).isEqualTo(BASE);
    assertThat(fragment.segmentType()).isEmpty();
  }

  @Test
  void read_videoFragment_returnsDecodeAndPresentationTimesInDisplayOrderOfTheGop() {
    List<FragmentSample> samples = videoFragment().samples();

    assertThat(samples)
        .extracting(FragmentSample::decodeTimeTicks)
        .containsExactly(
            BASE, BASE + 3600, BASE + 7200, BASE + 10800, BASE + 14400, BASE + 18000, BASE + 21600);
    assertThat(samples)
        .extracting(FragmentSample::presentationTimeTicks)
        .containsExactly(
            BASE, BASE + 10800, BASE + 3600, BASE + 7200, BASE + 21600, BASE + 14400, BASE + 18000);
  }

  @Test
  void read_videoFragment_marksOnlyTheFirstSampleAsKeyFrame() {
    assertThat(videoFragment().samples())
        .extracting(FragmentSample::keyFrame)
        .containsExactly(true, false, false, false, false, false, false);
  }

  @Test
  void read_videoFragment_returnsTheSampleBytes() {
    List<Sample> written = TestTracks.videoGopWithBFrames();

    List<FragmentSample> read = videoFragment().samples();

    for (int i = 0; i < written.size(); i++) {
      assertThat(read.get(i).data()).as("sample %d", i).isEqualTo(written.get(i).data());
    }
  }

  @Test
  void read_videoFragment_totalDurationIsTheSumOfDurations() {
    Fragment fragment = videoFragment();

    assertThat(fragment.durationTicks()).isEqualTo(7 * 3600);
    assertThat(fragment.endDecodeTimeTicks()).isEqualTo(BASE + 7 * 3600);
  }

  @Test
  void writeReadWrite_videoFragment_givesIdenticalBytes() {
    byte[] bytes =
        FragmentWriter.writeFragment(
            TestTracks.video1080p(), 3, BASE, TestTracks.videoGopWithBFrames());
    Fragment fragment = FragmentReader.read(bytes);

    byte[] again =
        FragmentWriter.writeFragment(
            TestTracks.video1080p(),
            fragment.sequenceNumber(),
            fragment.baseMediaDecodeTimeTicks(),
            fragment.toSamples());

    assertThat(again).isEqualTo(bytes);
  }

  @Test
  void writeReadWrite_audioSegment_givesIdenticalBytes() {
    byte[] bytes =
        FragmentWriter.writeSegment(TestTracks.audio48kStereo(), 7, 96_000, TestTracks.aacFrames());
    Fragment fragment = FragmentReader.read(bytes);

    byte[] again =
        FragmentWriter.writeSegment(
            TestTracks.audio48kStereo(),
            fragment.sequenceNumber(),
            fragment.baseMediaDecodeTimeTicks(),
            fragment.toSamples());

    assertThat(fragment.segmentType()).contains(CmafBrands.SEGMENT);
    assertThat(again).isEqualTo(bytes);
  }

  @Test
  void read_trunWithoutDurationsAndFlags_usesTfhdDefaultsAndFirstSampleFlags() {
    Fragment fragment =
        FragmentReader.read(fragmentWithTfhdDefaults(Optional.of(SampleFlags.NON_SYNC)));

    assertThat(fragment.samples())
        .extracting(FragmentSample::durationTicks)
        .containsExactly(1024L, 1024L);
    assertThat(fragment.samples())
        .extracting(FragmentSample::keyFrame)
        .containsExactly(true, false);
    assertThat(fragment.samples()).extracting(FragmentSample::sizeBytes).containsExactly(2, 3);
  }

  @Test
  void read_valuesOnlyInTrex_throwsInputUnsupportedFormat() {
    byte[] bytes = fragmentWithTfhdDefaults(Optional.empty());

    assertThatThrownBy(() -> FragmentReader.read(bytes))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("sample flags is neither in 'trun' nor in 'tfhd'")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT);
  }

  @Test
  void read_sampleBeyondTheMdat_throwsInputUnreadable() {
    byte[] bytes =
        FragmentWriter.writeFragment(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames());
    // Shrink the mdat by one byte: the last sample now ends past its payload.
    ByteBuffer shorter = ByteBuffer.wrap(bytes, 0, bytes.length - 1).slice();
    int mdatOffset =
        bytes.length - (int) BoxWriter.size(new MediaDataBox(ByteBuffer.allocate(115)));
    ByteBuffer copy = ByteBuffer.allocate(bytes.length - 1).put(shorter).flip();
    copy.putInt(mdatOffset, copy.getInt(mdatOffset) - 1);

    assertThatThrownBy(() -> FragmentReader.read(copy))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("lies outside the 'mdat' payload");
  }

  @Test
  void read_twoFragments_throwsInputUnsupportedFormat() {
    byte[] one =
        FragmentWriter.writeFragment(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames());
    ByteBuffer two = ByteBuffer.allocate(2 * one.length).put(one).put(one).flip();

    assertThatThrownBy(() -> FragmentReader.read(two))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT);
  }

  @Test
  void read_withoutTfdt_throwsInputUnreadable() {
    List<Box> boxes =
        FragmentWriter.boxes(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames());
    MovieFragmentBox moof = (MovieFragmentBox) boxes.get(0);
    TrackFragmentBox traf = moof.trackFragments().get(0);
    MovieFragmentBox withoutTfdt =
        new MovieFragmentBox(
            moof.header(),
            List.of(new TrackFragmentBox(traf.header(), Optional.empty(), traf.runs(), List.of())),
            List.of());

    assertThatThrownBy(() -> FragmentReader.read(BoxWriter.write(withoutTfdt, boxes.get(1))))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("no 'tfdt'");
  }
}
