package dev.abr.ingest.audio;

import dev.abr.media.EncodedAudioFrame;
import java.util.List;

/**
 * The AAC frames of one audio segment.
 *
 * @param sequence segment number (equal to the video chunk it goes with)
 * @param firstFrameIndex index of the first frame: the segment starts at sample {@code
 *     firstFrameIndex * 1024}
 * @param frames consecutive frames
 */
public record AudioSegment(long sequence, long firstFrameIndex, List<EncodedAudioFrame> frames) {
  public AudioSegment {
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("audio segment " + sequence + " has no frames");
    }
  }
}
