package dev.abr.transcoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.Fragment;
import dev.abr.cmaf.FragmentReader;
import dev.abr.cmaf.FragmentSample;
import dev.abr.cmaf.InitSegmentReader;
import dev.abr.core.message.SegmentRange;
import dev.abr.core.message.TrackKind;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.media.ChunkRange;
import dev.abr.media.ChunkWriter;
import dev.abr.media.EncodedTrack;
import dev.abr.media.EncoderThreads;
import dev.abr.media.MediaSource;
import dev.abr.media.ProbeLimits;
import dev.abr.media.SourcePacket;
import dev.abr.media.VideoChunkTranscoder;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CMAF form of a real encoded chunk (libx264 veryfast, B-frames): decode times on the grid,
 * presentation times exactly the chunk's grid frames, {@code tfdt} = first frame's time.
 */
class CmafVideoFragmentsTest {
  private static final VideoPlan PLAN =
      new VideoPlan(
          Rational.of(25),
          90_000,
          25,
          false,
          0,
          List.of(
              new VideoRendition(
                  "360p",
                  "h264",
                  640,
                  360,
                  700_000,
                  749_000,
                  1_050_000,
                  "main",
                  "3.0",
                  "veryfast")));
  private static final long FRAME = 3600;

  @TempDir static Path folder;
  static EncodedTrack encoded;
  static CmafTrack track;
  static Fragment fragment;

  @BeforeAll
  static void transcodeSecondGop() {
    Path source =
        TestMedia.generate(MediaSpec.h264Aac(640, 360, Rational.of(25), 4).withoutAudio());
    Path chunk = folder.resolve("chunk.mkv");
    try (MediaSource media = MediaSource.openFile(source, ProbeLimits.DEFAULT)) {
      List<SourcePacket> packets = new ArrayList<>();
      Optional<SourcePacket> next;
      while ((next = media.next()).isPresent()) {
        packets.add(next.get());
      }
      ChunkWriter.write(chunk, media, packets.subList(50, 100));
      packets.forEach(SourcePacket::close);
    }
    encoded =
        VideoChunkTranscoder.transcode(
                chunk,
                "chunk 1",
                ChunkRange.single(MediaTime.of(180_000, 90_000), 50, 100),
                PLAN,
                EncoderThreads.shareOf(2),
                VideoChunkTranscoder.Listener.NONE)
            .get(0);
    track = CmafVideoFragments.track(encoded, PLAN);
    SegmentRange segment = new SegmentRange(1, 50, 100);
    fragment =
        FragmentReader.read(
            CmafVideoFragments.fragment(
                track, CmafVideoFragments.split(encoded, List.of(segment)).get(0), PLAN, segment));
  }

  @Test
  void fragment_tfdtIsThePresentationTimeOfTheFirstGridFrame() {
    assertThat(fragment.baseMediaDecodeTimeTicks()).isEqualTo(50 * FRAME);
    assertThat(fragment.sequenceNumber()).isEqualTo(2);
  }

  @Test
  void fragment_presentationTimesAreExactlyTheChunksGridFrames() {
    List<Long> presented =
        fragment.samples().stream().map(FragmentSample::presentationTimeTicks).sorted().toList();

    assertThat(presented)
        .containsExactlyElementsOf(LongStream.range(50, 100).map(i -> i * FRAME).boxed().toList());
  }

  @Test
  void fragment_firstSampleIsAnIdrPresentedAtItsDecodeTime() {
    FragmentSample first = fragment.samples().get(0);

    assertThat(first.keyFrame()).isTrue();
    assertThat(first.compositionOffsetTicks()).isZero();
  }

  @Test
  void fragment_bFramesHaveNegativeCompositionOffsetsAndEverySampleLastsOneFrame() {
    assertThat(fragment.samples())
        .anySatisfy(s -> assertThat(s.compositionOffsetTicks()).isNegative());
    assertThat(fragment.samples()).allSatisfy(s -> assertThat(s.durationTicks()).isEqualTo(FRAME));
    assertThat(fragment.durationTicks()).isEqualTo(50 * FRAME);
  }

  @Test
  void track_initRoundTripsWithTheRenditionsSizeAndCodecs() {
    CmafTrack read = InitSegmentReader.read(CmafVideoFragments.init(track));

    assertThat(read.kind()).isEqualTo(TrackKind.VIDEO);
    assertThat(read.timescale()).isEqualTo(90_000);
    assertThat(read.codecs()).isEqualTo("avc1.4d401e");
  }
}
