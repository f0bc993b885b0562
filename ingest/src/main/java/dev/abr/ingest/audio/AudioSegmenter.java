package dev.abr.ingest.audio;

import dev.abr.media.EncodedAudioFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups a continuously encoded AAC stream into segments at frame boundaries next to the video
 * cuts, so every audio segment starts within half an AAC frame (about 10.7 ms at 48 kHz) of its
 * video segment and consecutive audio segments join with no gap and no overlap: the frames are
 * simply dealt out in order. Not thread-safe.
 */
public final class AudioSegmenter {
  private final Consumer<AudioSegment> sink;
  private final Deque<Long> boundaries = new ArrayDeque<>();
  private final List<EncodedAudioFrame> pending = new ArrayList<>();
  private long currentSequence;
  private long currentStart;
  private long nextFrameIndex;
  private long lastBoundary = -1;

  /** Segments go to {@code sink} in order, starting with segment 0 at frame 0. */
  public AudioSegmenter(Consumer<AudioSegment> sink) {
    this(0, 0, sink);
  }

  /**
   * Segments go to {@code sink} in order, starting with segment {@code firstSequence} at frame
   * {@code firstFrameIndex} (a live stream's later connection continues the numbering).
   */
  public AudioSegmenter(long firstSequence, long firstFrameIndex, Consumer<AudioSegment> sink) {
    this.sink = sink;
    this.currentSequence = firstSequence;
    this.currentStart = firstFrameIndex;
    this.nextFrameIndex = firstFrameIndex;
    this.lastBoundary = firstFrameIndex - 1;
  }

  /**
   * Declares that segment {@code sequence} starts at audio frame {@code frameIndex}. Called in
   * sequence order for every segment after the first (which starts at frame 0). A boundary that
   * does not advance by at least one frame is moved to the next frame.
   */
  public void startSegment(long sequence, long frameIndex) {
    if (sequence != currentSequence + boundaries.size() + 1) {
      throw new IllegalArgumentException("segment " + sequence + " declared out of order");
    }
    long floor = Math.max(lastBoundary, currentStart) + 1;
    long boundary = Math.max(frameIndex, floor);
    boundaries.addLast(boundary);
    lastBoundary = boundary;
    emitReady();
  }

  /** Adds the next encoded frame (frames come in index order, without gaps). */
  public void accept(EncodedAudioFrame frame) {
    if (frame.index() != nextFrameIndex) {
      throw new IllegalArgumentException(
          "audio frame " + frame.index() + " arrived, expected " + nextFrameIndex);
    }
    nextFrameIndex++;
    pending.add(frame);
    emitReady();
  }

  /**
   * Ends the stream at frame {@code endFrameIndex} (exclusive): emits every remaining segment,
   * dropping frames at or after the end.
   */
  public void finish(long endFrameIndex) {
    pending.removeIf(frame -> frame.index() >= endFrameIndex);
    while (!boundaries.isEmpty()) {
      emit(boundaries.removeFirst());
    }
    if (!pending.isEmpty()) {
      emit(Long.MAX_VALUE);
    }
  }

  private void emitReady() {
    while (!boundaries.isEmpty() && nextFrameIndex >= boundaries.peekFirst()) {
      emit(boundaries.removeFirst());
    }
  }

  private void emit(long end) {
    List<EncodedAudioFrame> frames = new ArrayList<>();
    while (!pending.isEmpty() && pending.get(0).index() < end) {
      frames.add(pending.remove(0));
    }
    if (!frames.isEmpty()) {
      sink.accept(new AudioSegment(currentSequence, currentStart, frames));
    }
    currentSequence++;
    currentStart = end;
  }
}
