package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.FourCc;
import dev.abr.cmaf.box.MediaBox;
import dev.abr.cmaf.box.MediaInformationBox;
import dev.abr.cmaf.box.MovieBox;
import dev.abr.cmaf.box.SampleDescriptionBox;
import dev.abr.cmaf.box.SampleTableBox;
import dev.abr.cmaf.box.TrackBox;
import dev.abr.cmaf.box.UnknownBox;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitSegmentReaderTest {
  private static ErrorCode codeOf(byte[] init) {
    try {
      InitSegmentReader.read(init);
    } catch (PipelineException e) {
      return e.code();
    }
    throw new AssertionError("expected a PipelineException");
  }

  /** The video init with its moov replaced by {@code change(moov)}. */
  private static byte[] withMovie(java.util.function.UnaryOperator<MovieBox> change) {
    List<Box> boxes = BoxReader.read(InitSegmentWriter.write(TestTracks.video1080p()));
    return BoxWriter.write(boxes.get(0), change.apply((MovieBox) boxes.get(1)));
  }

  @Test
  void read_videoInit_returnsTheWrittenTrack() {
    CmafTrack track = TestTracks.video1080p();

    assertThat(InitSegmentReader.read(InitSegmentWriter.write(track))).isEqualTo(track);
  }

  @Test
  void read_audioInit_returnsTheWrittenTrack() {
    CmafTrack track = TestTracks.audio48kStereo();

    assertThat(InitSegmentReader.read(InitSegmentWriter.write(track))).isEqualTo(track);
  }

  @Test
  void read_videoInit_givesKindDimensionsTimescaleAndCodecs() {
    CmafTrack track = InitSegmentReader.read(InitSegmentWriter.write(TestTracks.video1080p()));

    assertThat(track.kind()).isEqualTo(TrackKind.VIDEO);
    assertThat(track.timescale()).isEqualTo(90_000);
    assertThat(((VideoFormat) track.format()).widthPixels()).isEqualTo(1920);
    assertThat(((VideoFormat) track.format()).heightPixels()).isEqualTo(1080);
    assertThat(track.codecs()).isEqualTo("avc1.640028");
  }

  @Test
  void read_audioInit_givesRateChannelsAndCodecs() {
    CmafTrack track = InitSegmentReader.read(InitSegmentWriter.write(TestTracks.audio48kStereo()));

    assertThat(track.kind()).isEqualTo(TrackKind.AUDIO);
    assertThat(track.timescale()).isEqualTo(48_000);
    assertThat(((AudioFormat) track.format()).channelCount()).isEqualTo(2);
    assertThat(track.codecs()).isEqualTo("mp4a.40.2");
  }

  @Test
  void read_language_comesFromTheMediaHeader() {
    CmafTrack track = TestTracks.audio48kStereo().withLanguage("deu");

    assertThat(InitSegmentReader.read(InitSegmentWriter.write(track)).language()).isEqualTo("deu");
  }

  @Test
  void writeReadWrite_videoInit_givesIdenticalBytes() {
    byte[] init = InitSegmentWriter.write(TestTracks.video1080p());

    assertThat(InitSegmentWriter.write(InitSegmentReader.read(init))).isEqualTo(init);
  }

  @Test
  void writeReadWrite_boxesOfAudioInit_giveIdenticalBytes() {
    byte[] init = InitSegmentWriter.write(TestTracks.audio48kStereo());

    assertThat(BoxWriter.write(BoxReader.read(init))).isEqualTo(init);
  }

  @Test
  void read_unsupportedSampleEntry_throwsInputUnsupportedCodec() {
    byte[] init =
        withMovie(
            moov -> {
              TrackBox trak = moov.tracks().get(0);
              MediaBox mdia = trak.media();
              MediaInformationBox minf = mdia.information();
              SampleTableBox stbl = minf.sampleTable();
              Box hvc1 = new UnknownBox(FourCc.of("hvc1"), ByteBuffer.allocate(78));
              SampleTableBox changed =
                  new SampleTableBox(
                      new SampleDescriptionBox(List.of(hvc1)),
                      stbl.timeToSample(),
                      stbl.sampleToChunk(),
                      stbl.sampleSize(),
                      stbl.chunkOffset(),
                      List.of());
              return new MovieBox(
                  moov.header(),
                  List.of(
                      new TrackBox(
                          trak.header(),
                          new MediaBox(
                              mdia.header(),
                              mdia.handler(),
                              new MediaInformationBox(
                                  minf.mediaHeader(), minf.dataInformation(), changed, List.of()),
                              List.of()),
                          List.of())),
                  moov.movieExtends(),
                  List.of());
            });

    assertThatThrownBy(() -> InitSegmentReader.read(init))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("sample entry 'hvc1'")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNSUPPORTED_CODEC);
  }

  @Test
  void read_withoutMovieExtends_throwsInputUnreadable() {
    byte[] init =
        withMovie(moov -> new MovieBox(moov.header(), moov.tracks(), Optional.empty(), List.of()));

    assertThat(codeOf(init)).isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void read_twoTracks_throwsInputUnsupportedFormat() {
    byte[] init =
        withMovie(
            moov ->
                new MovieBox(
                    moov.header(),
                    List.of(moov.tracks().get(0), moov.tracks().get(0)),
                    moov.movieExtends(),
                    List.of()));

    assertThat(codeOf(init)).isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT);
  }

  @Test
  void read_fragmentInsteadOfInit_throwsInputUnreadable() {
    byte[] fragment =
        FragmentWriter.writeFragment(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames());

    assertThatThrownBy(() -> InitSegmentReader.read(fragment))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("starts with 'ftyp'");
  }
}
