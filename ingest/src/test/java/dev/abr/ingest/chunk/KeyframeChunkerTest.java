package dev.abr.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeChunkerTest {
  /** A fake packet: name, pts, dts, key. One frame = 3000 ticks (30 fps). */
  record Pkt(String name, long pts, long dts, boolean key) {}

  private static final long FRAME = 3000;
  private static final PacketTiming<Pkt> TIMING =
      new PacketTiming<>() {
        @Override
        public long ptsTicks(Pkt p) {
          return p.pts;
        }

        @Override
        public long dtsTicks(Pkt p) {
          return p.dts;
        }

        @Override
        public long durationTicks(Pkt p) {
          return FRAME;
        }

        @Override
        public boolean keyFrame(Pkt p) {
          return p.key;
        }
      };

  private final List<Chunk<Pkt>> chunks = new ArrayList<>();
  private final List<Pkt> released = new ArrayList<>();

  private KeyframeChunker<Pkt> chunker(long targetFrames, long capFrames) {
    return new KeyframeChunker<>(
        TIMING,
        targetFrames * FRAME,
        capFrames * FRAME,
        60 * FRAME,
        FRAME,
        chunks::add,
        released::add);
  }

  /** A closed-GOP stream without B-frames: frame i at i*FRAME, key every gop frames. */
  private static List<Pkt> closedGop(int frames, int gop) {
    List<Pkt> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      out.add(new Pkt("f" + i, i * FRAME, i * FRAME, i % gop == 0));
    }
    return out;
  }

  private static List<String> names(Chunk<Pkt> chunk) {
    return chunk.packets().stream().map(Pkt::name).toList();
  }

  @Test
  void accept_keyFrameEveryTargetDuration_cutsAtEachKeyFrame() {
    KeyframeChunker<Pkt> chunker = chunker(4, 8);
    closedGop(12, 4).forEach(chunker::accept);
    chunker.finish();

    assertThat(chunks)
        .extracting(Chunk::outputStartTicks)
        .containsExactly(0L, 4 * FRAME, 8 * FRAME);
    assertThat(chunks)
        .extracting(Chunk::outputEndTicks)
        .containsExactly(4 * FRAME, 8 * FRAME, 12 * FRAME);
    assertThat(names(chunks.get(1))).containsExactly("f4", "f5", "f6", "f7");
  }

  @Test
  void accept_keyFramesMoreOftenThanTarget_cutsAtFirstKeyFrameAfterTarget() {
    KeyframeChunker<Pkt> chunker = chunker(4, 8);
    closedGop(12, 3).forEach(chunker::accept);
    chunker.finish();

    assertThat(chunks).extracting(Chunk::outputStartTicks).containsExactly(0L, 6 * FRAME);
  }

  @Test
  void accept_leadingPacketsBeforeFirstKeyFrame_areReleasedAndSkipped() {
    KeyframeChunker<Pkt> chunker = chunker(4, 8);
    chunker.accept(new Pkt("p0", 0, 0, false));
    closedGop(5, 4).stream()
        .map(p -> new Pkt(p.name, p.pts + FRAME, p.dts + FRAME, p.key))
        .forEach(chunker::accept);
    chunker.finish();

    assertThat(released.get(0).name()).isEqualTo("p0");
    assertThat(chunks.get(0).outputStartTicks()).isEqualTo(FRAME);
  }

  @Test
  void accept_closedGopWithBFrames_chunkEndsBeforeNextIdr() {
    // Decode order I0 P3 B1 B2 | I4 P7 B5 B6 (dts two frames before pts for the reference frames).
    List<Pkt> stream =
        List.of(
            new Pkt("I0", 0, -2 * FRAME, true),
            new Pkt("P3", 3 * FRAME, -FRAME, false),
            new Pkt("B1", FRAME, 0, false),
            new Pkt("B2", 2 * FRAME, FRAME, false),
            new Pkt("I4", 4 * FRAME, 2 * FRAME, true),
            new Pkt("P7", 7 * FRAME, 3 * FRAME, false),
            new Pkt("B5", 5 * FRAME, 4 * FRAME, false),
            new Pkt("B6", 6 * FRAME, 5 * FRAME, false));
    KeyframeChunker<Pkt> chunker = chunker(4, 8);
    stream.forEach(chunker::accept);
    chunker.finish();

    assertThat(names(chunks.get(0))).containsExactly("I0", "P3", "B1", "B2");
    assertThat(chunks.get(0).outputEndTicks()).isEqualTo(4 * FRAME);
    assertThat(names(chunks.get(1))).containsExactly("I4", "P7", "B5", "B6");
  }

  @Test
  void accept_openGopLeadingPictures_belongToTheEndingChunkToo() {
    // Decode order I0 P3 B1 B2 | I6 B4 B5 P9 B7 B8: B4 and B5 are shown before I6 and reference it.
    List<Pkt> stream =
        List.of(
            new Pkt("I0", 0, -FRAME, true),
            new Pkt("P3", 3 * FRAME, 0, false),
            new Pkt("B1", FRAME, FRAME, false),
            new Pkt("B2", 2 * FRAME, 2 * FRAME, false),
            new Pkt("I6", 6 * FRAME, 3 * FRAME, true),
            new Pkt("B4", 4 * FRAME, 4 * FRAME, false),
            new Pkt("B5", 5 * FRAME, 5 * FRAME, false),
            new Pkt("P9", 9 * FRAME, 6 * FRAME, false),
            new Pkt("B7", 7 * FRAME, 7 * FRAME, false),
            new Pkt("B8", 8 * FRAME, 8 * FRAME, false));
    KeyframeChunker<Pkt> chunker = chunker(4, 8);
    stream.forEach(chunker::accept);
    chunker.finish();

    assertThat(names(chunks.get(0))).containsExactly("I0", "P3", "B1", "B2", "I6", "B4", "B5");
    assertThat(chunks.get(0).outputEndTicks()).isEqualTo(6 * FRAME);
    assertThat(names(chunks.get(1))).containsExactly("I6", "B4", "B5", "P9", "B7", "B8");
    assertThat(chunks.get(1).outputStartTicks()).isEqualTo(6 * FRAME);
  }

  @Test
  void accept_noKeyFrameBeforeCap_forcesCutWithPreRollFromLastKeyFrame() {
    KeyframeChunker<Pkt> chunker = chunker(4, 6);
    closedGop(20, 100).forEach(chunker::accept);
    chunker.finish();

    Chunk<Pkt> second = chunks.get(1);
    assertThat(chunks.get(0).outputEndTicks()).isEqualTo(4 * FRAME);
    assertThat(second.outputStartTicks()).isEqualTo(4 * FRAME);
    assertThat(second.decodeStartTicks()).isZero();
    assertThat(names(second)).startsWith("f0");
    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.durationTicks()).isLessThanOrEqualTo(6 * FRAME));
  }

  @Test
  void accept_preRollBeyondLimit_failsNamingTheKeyFrameGap() {
    KeyframeChunker<Pkt> chunker =
        new KeyframeChunker<>(
            TIMING, 4 * FRAME, 6 * FRAME, 10 * FRAME, FRAME, chunks::add, released::add);

    assertThatThrownBy(() -> closedGop(40, 1000).forEach(chunker::accept))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_OVER_LIMITS))
        .hasMessageContaining("key frames");
  }

  @Test
  void finish_releasesEveryPacketExactlyOnce() {
    KeyframeChunker<Pkt> chunker = chunker(4, 8);
    List<Pkt> stream = closedGop(13, 4);
    stream.forEach(chunker::accept);
    chunker.finish();

    assertThat(released).containsExactlyInAnyOrderElementsOf(stream);
  }

  @Test
  void finish_chunksTileTheTimelineWithoutGaps() {
    KeyframeChunker<Pkt> chunker = chunker(4, 6);
    closedGop(50, 7).forEach(chunker::accept);
    chunker.finish();

    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).outputStartTicks()).isEqualTo(chunks.get(i - 1).outputEndTicks());
      assertThat(chunks.get(i).sequence()).isEqualTo(i);
    }
    assertThat(chunks.get(chunks.size() - 1).outputEndTicks()).isEqualTo(50 * FRAME);
  }
}
