package dev.abr.core.plan;

import dev.abr.core.time.FrameGrid;
import dev.abr.core.time.Rational;
import java.util.List;

/**
 * How every chunk of one stream's video is transcoded. Ingest resolves it once from the probe and
 * the ladder and sends it with each chunk, so transcoders never need to probe and always agree.
 *
 * @param frameRate constant output frame rate
 * @param timescale output track timescale (a multiple of the frame-rate numerator)
 * @param gopFrames frames between key frames inside a segment
 * @param deinterlace true to deinterlace before scaling
 * @param rotationDegrees clockwise rotation applied before scaling (0, 90, 180, 270)
 * @param renditions the video renditions, highest first
 */
public record VideoPlan(
    Rational frameRate,
    int timescale,
    int gopFrames,
    boolean deinterlace,
    int rotationDegrees,
    List<VideoRendition> renditions) {
  public VideoPlan {
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty()) {
      throw new IllegalArgumentException("a video plan needs at least one rendition");
    }
    if (gopFrames < 1) {
      throw new IllegalArgumentException("gopFrames must be at least 1: " + gopFrames);
    }
    new FrameGrid(frameRate, timescale);
  }

  /** The output frame grid. */
  public FrameGrid grid() {
    return new FrameGrid(frameRate, timescale);
  }
}
