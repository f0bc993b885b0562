package dev.abr.core.ladder;

import dev.abr.core.id.Ids;
import dev.abr.core.time.Rational;
import java.util.Optional;

/**
 * A bitrate ladder document ({@code schemas/ladder.v1.schema.json}).
 *
 * @param name ladder name
 * @param gopDuration seconds between key frames inside a segment
 * @param maxFrameRate frame rates above this are divided down by a whole factor
 * @param video the video rungs
 * @param audio the audio rendition, if any
 */
public record Ladder(
    String name,
    Rational gopDuration,
    Rational maxFrameRate,
    VideoLadder video,
    Optional<AudioSettings> audio) {
  public Ladder {
    Ids.check("ladder name", name);
    if (gopDuration.compareTo(Rational.of(1, 2)) < 0
        || gopDuration.compareTo(Rational.of(20)) > 0) {
      throw new IllegalArgumentException(
          "gopDuration " + gopDuration + " s must be from 0.5 to 20");
    }
    if (maxFrameRate.compareTo(Rational.of(1)) < 0
        || maxFrameRate.compareTo(Rational.of(120)) > 0) {
      throw new IllegalArgumentException("maxFrameRate " + maxFrameRate + " must be from 1 to 120");
    }
  }
}
