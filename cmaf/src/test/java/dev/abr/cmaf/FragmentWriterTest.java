package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxTreeDump;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.SegmentTypeBox;
import dev.abr.core.testing.GoldenFiles;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentWriterTest {
  @Test
  void writeFragment_videoWithBFrames_matchesGolden() {
    byte[] fragment =
        FragmentWriter.writeFragment(
            TestTracks.video1080p(), 3, 360_000, TestTracks.videoGopWithBFrames());

    GoldenFiles.assertMatches(BoxTreeDump.of(fragment), "cmaf/fragment_video_bframes.boxes.txt");
  }

  @Test
  void writeSegment_aacFrames_matchesGolden() {
    byte[] segment =
        FragmentWriter.writeSegment(TestTracks.audio48kStereo(), 1, 96_000, TestTracks.aacFrames());

    GoldenFiles.assertMatches(BoxTreeDump.of(segment), "cmaf/segment_audio_aac.boxes.txt");
  }

  @Test
  void writeFragment_dataOffset_pointsAtTheFirstSampleBytes() {
    List<Sample> samples = TestTracks.aacFrames();
    byte[] fragment = FragmentWriter.writeFragment(TestTracks.audio48kStereo(), 1, 0, samples);

    MovieFragmentBox moof = (MovieFragmentBox) BoxReader.read(fragment).get(0);
    int dataOffset = moof.trackFragments().get(0).runs().get(0).dataOffset().getAsInt();
    ByteBuffer first = samples.get(0).data();
    assertThat(ByteBuffer.wrap(fragment, dataOffset, first.remaining())).isEqualTo(first);
  }

  @Test
  void writeSegment_audio_startsWithTheCmafSegmentType() {
    byte[] segment =
        FragmentWriter.writeSegment(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames());

    Box first = BoxReader.read(segment).get(0);
    assertThat(first).isEqualTo(CmafBrands.SEGMENT);
    assertThat(((SegmentTypeBox) first).majorBrand()).hasToString("cmfs");
  }

  @Test
  void writeSegment_video_isTheFragmentAfterStyp() {
    byte[] fragment =
        FragmentWriter.writeFragment(
            TestTracks.video1080p(), 1, 0, TestTracks.videoGopWithBFrames());
    byte[] segment =
        FragmentWriter.writeSegment(
            TestTracks.video1080p(), 1, 0, TestTracks.videoGopWithBFrames());

    int stypSize = (int) BoxWriter.size(CmafBrands.SEGMENT);
    assertThat(ByteBuffer.wrap(segment, stypSize, segment.length - stypSize))
        .isEqualTo(ByteBuffer.wrap(fragment));
  }

  @Test
  void writeFragment_firstSampleNotAKeyFrame_throwsIllegalArgument() {
    List<Sample> samples = TestTracks.videoGopWithBFrames().subList(1, 3);

    assertThatThrownBy(() -> FragmentWriter.writeFragment(TestTracks.video1080p(), 1, 0, samples))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a key frame");
  }

  @Test
  void writeFragment_audioSampleNotAKeyFrame_throwsIllegalArgument() {
    Sample first = TestTracks.aacFrames().get(0);
    Sample notKey = new Sample(first.data(), 1024, 0, /* keyFrame= */ false);

    assertThatThrownBy(
            () ->
                FragmentWriter.writeFragment(
                    TestTracks.audio48kStereo(), 1, 0, List.of(first, notKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audio sample 1");
  }

  @Test
  void writeFragment_noSamples_throwsIllegalArgument() {
    assertThatThrownBy(
            () -> FragmentWriter.writeFragment(TestTracks.audio48kStereo(), 1, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one sample");
  }
}
