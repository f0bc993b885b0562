package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkTranscodeTest {
  @TempDir Path temp;

  private static final MediaSpec SOURCE = MediaSpec.h264Aac(640, 360, Rational.of(30), 4);

  private static VideoPlan plan(boolean deinterlace, int rotation) {
    return new VideoPlan(
        Rational.of(30),
        90_000,
        30,
        deinterlace,
        rotation,
        List.of(
            new VideoRendition(
                "360p", "h264", 640, 360, 700_000, 749_000, 1_050_000, "main", "3.0", "ultrafast"),
            new VideoRendition(
                "180p", "h264", 320, 180, 300_000, 321_000, 450_000, "main", "2.1", "ultrafast")));
  }

  /**
   * Reads the source, keeps the video packets of the second GOP (2 s to 4 s) and writes them as a
   * chunk.
   */
  private Path secondGopChunk(Path source) {
    Path chunk = temp.resolve("chunk.mkv");
    try (MediaSource media = MediaSource.openFile(source, ProbeLimits.DEFAULT)) {
      List<SourcePacket> all = new ArrayList<>();
      Optional<SourcePacket> next;
      while ((next = media.next()).isPresent()) {
        if (next.get().kind() == TrackKind.VIDEO) {
          all.add(next.get());
        } else {
          next.get().close();
        }
      }
      List<SourcePacket> gop = all.subList(60, 120);
      assertThat(gop.get(0).keyFrame()).isTrue();
      ChunkWriter.write(chunk, media, gop);
      all.forEach(SourcePacket::close);
    }
    return chunk;
  }

  @Test
  void transcode_secondGop_encodesEveryGridFrameOfEveryRenditionWithIdrFirst() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));
    ChunkRange range = ChunkRange.single(MediaTime.of(180_000, 90_000), 60, 120);

    List<EncodedTrack> tracks =
        VideoChunkTranscoder.transcode(
            chunk,
            "chunk 1",
            range,
            plan(false, 0),
            EncoderThreads.shareOf(2),
            VideoChunkTranscoder.Listener.NONE);

    assertThat(tracks).extracting(t -> t.rendition().name()).containsExactly("360p", "180p");
    for (EncodedTrack track : tracks) {
      assertThat(track.frames()).hasSize(60);
      assertThat(track.frames().get(0).keyFrame()).isTrue();
      assertThat(
              track.frames().stream()
                  .filter(EncodedVideoFrame::keyFrame)
                  .map(EncodedVideoFrame::frameIndex))
          .containsExactly(60L, 90L);
      assertThat(track.frames().stream().map(EncodedVideoFrame::frameIndex).sorted())
          .containsExactlyElementsOf(java.util.stream.LongStream.range(60, 120).boxed().toList());
      assertThat(track.extradata()).startsWith(0, 0, 0, 1);
    }
  }

  @Test
  void transcode_segmentStartsInsideTheChunk_areIdrFramesInEveryRendition() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));
    ChunkRange range =
        new ChunkRange(MediaTime.of(180_000, 90_000), 60, 120, java.util.List.of(60L, 80L, 100L));

    List<EncodedTrack> tracks =
        VideoChunkTranscoder.transcode(
            chunk,
            "chunk 1",
            range,
            plan(false, 0),
            EncoderThreads.shareOf(2),
            VideoChunkTranscoder.Listener.NONE);

    for (EncodedTrack track : tracks) {
      assertThat(
              track.frames().stream()
                  .filter(EncodedVideoFrame::keyFrame)
                  .map(EncodedVideoFrame::frameIndex))
          .as(track.rendition().name())
          .containsExactly(60L, 80L, 100L);
    }
  }

  @Test
  void transcode_renditionEncoderFails_throwsNamingTheRenditionAndLeavesNoThread() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));
    VideoPlan plan =
        new VideoPlan(
            Rational.of(30),
            90_000,
            30,
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
                    "ultrafast"),
                new VideoRendition(
                    "180p",
                    "h264",
                    320,
                    180,
                    300_000,
                    321_000,
                    450_000,
                    "main",
                    "2.1",
                    "no-such-preset")));

    assertFailsNamingAndLeavesNoThread(chunk, plan, "180p");
  }

  /**
   * Transcoding {@code chunk} as "chunk 7" with {@code plan} fails with ENCODE_FAILED naming the
   * chunk and {@code rendition}, and no rendition thread is left running.
   */
  private static void assertFailsNamingAndLeavesNoThread(
      Path chunk, VideoPlan plan, String rendition) {
    assertThatThrownBy(
            () ->
                VideoChunkTranscoder.transcode(
                    chunk,
                    "chunk 7",
                    ChunkRange.single(MediaTime.of(180_000, 90_000), 60, 120),
                    plan,
                    EncoderThreads.shareOf(2),
                    VideoChunkTranscoder.Listener.NONE))
        .isInstanceOfSatisfying(
            PipelineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCODE_FAILED))
        .hasMessageContaining("chunk 7")
        .hasMessageContaining(rendition);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("transcode-"));
  }

  /** 180p is scaled from the 640x360 source, 90p from the 180p picture (ScalingCascade). */
  private static VideoPlan cascadePlan(String preset180p, String preset90p) {
    return new VideoPlan(
        Rational.of(30),
        90_000,
        30,
        false,
        0,
        List.of(
            new VideoRendition(
                "180p", "h264", 320, 180, 300_000, 321_000, 450_000, "main", "2.1", preset180p),
            new VideoRendition(
                "90p", "h264", 160, 90, 150_000, 160_000, 225_000, "main", "1.1", preset90p)));
  }

  @Test
  void transcode_renditionScaledFromAnotherOne_encodesEveryGridFrameWithTheSameIdrs() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));

    List<EncodedTrack> tracks =
        VideoChunkTranscoder.transcode(
            chunk,
            "chunk 1",
            ChunkRange.single(MediaTime.of(180_000, 90_000), 60, 120),
            cascadePlan("ultrafast", "ultrafast"),
            EncoderThreads.shareOf(2),
            VideoChunkTranscoder.Listener.NONE);

    for (EncodedTrack track : tracks) {
      assertThat(track.frames()).as(track.rendition().name()).hasSize(60);
      assertThat(
              track.frames().stream()
                  .filter(EncodedVideoFrame::keyFrame)
                  .map(EncodedVideoFrame::frameIndex))
          .as(track.rendition().name())
          .containsExactly(60L, 90L);
    }
  }

  @Test
  void transcode_renditionScaledFromAnotherOne_looksLikeTheSourceScaledDirectly() throws Exception {
    Path source = TestMedia.generate(SOURCE);
    Path chunk = secondGopChunk(source);

    List<EncodedTrack> tracks =
        VideoChunkTranscoder.transcode(
            chunk,
            "chunk 1",
            ChunkRange.single(MediaTime.of(180_000, 90_000), 60, 120),
            cascadePlan("ultrafast", "medium"),
            EncoderThreads.shareOf(2),
            VideoChunkTranscoder.Listener.NONE);

    // A picture of the wrong size or layout would score far below 30 dB against the source.
    assertThat(psnrAgainstSource(tracks.get(1), source, 160, 90)).isGreaterThan(30.0);
  }

  /** Mean PSNR-Y of an encoded track against source frames 60-119 scaled directly to its size. */
  private double psnrAgainstSource(EncodedTrack track, Path source, int width, int height)
      throws Exception {
    Path annexB = temp.resolve(track.rendition().name() + ".h264");
    try (var out = java.nio.file.Files.newOutputStream(annexB)) {
      out.write(track.extradata());
      for (EncodedVideoFrame frame : track.frames()) {
        out.write(frame.data());
      }
    }
    String graph =
        String.format(
            java.util.Locale.ROOT,
            "[0:v]setpts=N/30/TB[d];[1:v]trim=start_frame=60:end_frame=120,"
                + "scale=%d:%d:flags=bicubic,setsar=1,format=yuv420p,setpts=N/30/TB[r];[d][r]psnr",
            width,
            height);
    Process ffmpeg =
        FfmpegTools.command(
                FfmpegTools.ffmpeg(),
                List.of(
                    "-hide_banner",
                    "-nostdin",
                    "-f",
                    "h264",
                    "-r",
                    "30",
                    "-i",
                    annexB.toString(),
                    "-i",
                    source.toString(),
                    "-lavfi",
                    graph,
                    "-f",
                    "null",
                    "-"))
            .redirectErrorStream(true)
            .start();
    String output = new String(ffmpeg.getInputStream().readAllBytes());
    assertThat(ffmpeg.waitFor()).as(output).isZero();
    java.util.regex.Matcher psnr =
        java.util.regex.Pattern.compile("PSNR y:([0-9.]+)").matcher(output);
    assertThat(psnr.find()).as(output).isTrue();
    System.out.println("PSNRDBG " + psnr.group(1));
    return Double.parseDouble(psnr.group(1));
  }

  @Test
  void transcode_renditionOthersAreScaledFromFails_throwsNamingItAndLeavesNoThread() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));

    assertFailsNamingAndLeavesNoThread(chunk, cascadePlan("no-such-preset", "ultrafast"), "180p");
  }

  @Test
  void transcode_renditionScaledFromAnotherOneFails_throwsNamingItAndLeavesNoThread() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));

    assertFailsNamingAndLeavesNoThread(chunk, cascadePlan("ultrafast", "no-such-preset"), "90p");
  }

  @Test
  void transcode_rotatedPlan_swapsThePicture() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));
    VideoPlan rotated =
        new VideoPlan(
            Rational.of(30),
            90_000,
            30,
            false,
            90,
            List.of(
                new VideoRendition(
                    "360p",
                    "h264",
                    360,
                    640,
                    700_000,
                    749_000,
                    1_050_000,
                    "main",
                    "3.0",
                    "ultrafast")));

    List<EncodedTrack> tracks =
        VideoChunkTranscoder.transcode(
            chunk,
            "chunk 1",
            ChunkRange.single(MediaTime.of(180_000, 90_000), 60, 120),
            rotated,
            EncoderThreads.shareOf(2),
            VideoChunkTranscoder.Listener.NONE);

    assertThat(tracks.get(0).frames()).hasSize(60);
  }

  @Test
  void transcode_higherOutputRate_repeatsFramesToFillTheGrid() {
    Path chunk = secondGopChunk(TestMedia.generate(SOURCE));
    VideoPlan sixty =
        new VideoPlan(
            Rational.of(60),
            90_000,
            60,
            false,
            0,
            List.of(
                new VideoRendition(
                    "180p",
                    "h264",
                    320,
                    180,
                    300_000,
                    321_000,
                    450_000,
                    "main",
                    "3.0",
                    "ultrafast")));

    List<EncodedTrack> tracks =
        VideoChunkTranscoder.transcode(
            chunk,
            "chunk 1",
            ChunkRange.single(MediaTime.of(180_000, 90_000), 120, 240),
            sixty,
            EncoderThreads.shareOf(2),
            VideoChunkTranscoder.Listener.NONE);

    assertThat(tracks.get(0).frames()).hasSize(120);
  }

  @Test
  void continuousAudio_wholeSource_producesContiguousFramesCoveringTheDuration() {
    List<EncodedAudioFrame> frames = new ArrayList<>();
    byte[] config;
    try (MediaSource media = MediaSource.openFile(TestMedia.generate(SOURCE), ProbeLimits.DEFAULT);
        ContinuousAudioEncoder encoder =
            ContinuousAudioEncoder.open(
                media, new AudioPlan("audio", "aac", 48_000, 2, 128_000), 0)) {
      config = encoder.audioSpecificConfig();
      Optional<SourcePacket> next;
      while ((next = media.next()).isPresent()) {
        try (SourcePacket packet = next.get()) {
          if (packet.kind() == TrackKind.AUDIO) {
            frames.addAll(encoder.accept(packet));
          }
        }
      }
      frames.addAll(encoder.finish(0));
    }

    assertThat(config).startsWith(0x11, 0x90);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).index()).isEqualTo(i);
    }
    // 4 s at 48 kHz is 187.5 frames of 1024 samples.
    assertThat(frames.size()).isBetween(188, 189);
  }

  @Test
  void continuousAudio_finishBeyondTheSource_padsWithSilence() {
    int frames = 0;
    try (MediaSource media = MediaSource.openFile(TestMedia.generate(SOURCE), ProbeLimits.DEFAULT);
        ContinuousAudioEncoder encoder =
            ContinuousAudioEncoder.open(
                media, new AudioPlan("audio", "aac", 48_000, 2, 128_000), 0)) {
      Optional<SourcePacket> next;
      while ((next = media.next()).isPresent()) {
        try (SourcePacket packet = next.get()) {
          if (packet.kind() == TrackKind.AUDIO) {
            frames += encoder.accept(packet).size();
          }
        }
      }
      frames += encoder.finish(6L * 48_000).size();
    }

    assertThat(frames).isBetween(282, 283);
  }
}
