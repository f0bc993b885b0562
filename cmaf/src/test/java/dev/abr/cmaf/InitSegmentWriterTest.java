package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxTreeDump;
import dev.abr.cmaf.box.MovieBox;
import dev.abr.cmaf.box.TrackHeaderBox;
import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.cmaf.codec.RealH264;
import dev.abr.core.testing.GoldenFiles;
import dev.abr.core.time.Rational;
import org.junit.jupiter.api.Test;

class InitSegmentWriterTest {
  @Test
  void write_video1080pHigh_matchesGolden() {
    byte[] init = InitSegmentWriter.write(TestTracks.video1080p());

    GoldenFiles.assertMatches(BoxTreeDump.of(init), "cmaf/init_video_avc_high_1080p.boxes.txt");
  }

  @Test
  void write_audioAacLc48kStereo_matchesGolden() {
    byte[] init = InitSegmentWriter.write(TestTracks.audio48kStereo());

    GoldenFiles.assertMatches(BoxTreeDump.of(init), "cmaf/init_audio_aac_lc_48k_stereo.boxes.txt");
  }

  @Test
  void write_nonSquarePixels_scalesTheTrackHeaderWidth() {
    AvcDecoderConfigurationRecord config =
        AvcDecoderConfigurationRecord.fromExtradata(
            RealH264.annexBExtradata(RealH264.MAIN_576P_SAR_16_15_SPS, RealH264.MAIN_360P_PPS));
    VideoFormat format = VideoFormat.of(config);

    byte[] init = InitSegmentWriter.write(CmafTrack.video(90_000, format));

    TrackHeaderBox tkhd = ((MovieBox) BoxReader.read(init).get(1)).tracks().get(0).header();
    assertThat(format.pixelAspectRatio()).isEqualTo(Rational.of(16, 15));
    assertThat(tkhd.widthFixedPoint()).isEqualTo(768L << 16);
    assertThat(tkhd.heightFixedPoint()).isEqualTo(576L << 16);
  }

  @Test
  void write_sameTrackTwice_givesTheSameBytes() {
    assertThat(InitSegmentWriter.write(TestTracks.video1080p()))
        .isEqualTo(InitSegmentWriter.write(TestTracks.video1080p()));
  }
}
