package dev.abr.ingest.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.media.EncodedAudioFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioSegmenterTest {
  private final List<AudioSegment> segments = new ArrayList<>();
  private final AudioSegmenter segmenter = new AudioSegmenter(segments::add);

  private void frames(long from, long to) {
    for (long i = from; i < to; i++) {
      segmenter.accept(new EncodedAudioFrame(i, new byte[] {(byte) i}));
    }
  }

  @Test
  void accept_framesPastTheNextBoundary_emitsTheSegment() {
    segmenter.startSegment(1, 188);
    frames(0, 188);

    assertThat(segments).hasSize(1);
    assertThat(segments.get(0).firstFrameIndex()).isZero();
    assertThat(segments.get(0).frames()).hasSize(188);
  }

  @Test
  void finish_dealsEveryFrameOutOnceInOrder() {
    segmenter.startSegment(1, 188);
    segmenter.startSegment(2, 375);
    frames(0, 500);
    segmenter.finish(470);

    assertThat(segments).extracting(AudioSegment::sequence).containsExactly(0L, 1L, 2L);
    assertThat(segments).extracting(AudioSegment::firstFrameIndex).containsExactly(0L, 188L, 375L);
    assertThat(segments).extracting(s -> s.frames().size()).containsExactly(188, 187, 95);
  }

  @Test
  void startSegment_boundaryDeclaredAfterFramesArrived_stillSplitsThere() {
    frames(0, 300);
    segmenter.startSegment(1, 188);
    segmenter.finish(300);

    assertThat(segments).extracting(s -> s.frames().size()).containsExactly(188, 112);
  }

  @Test
  void startSegment_boundaryNotAdvancing_movesToTheNextFrame() {
    segmenter.startSegment(1, 0);
    frames(0, 3);
    segmenter.finish(3);

    assertThat(segments).extracting(AudioSegment::firstFrameIndex).containsExactly(0L, 1L);
  }
}
