package dev.abr.testkit.player;

import java.util.List;

/**
 * A snapshot of one player of the page, read from the video element and the player.
 *
 * @param currentTimeMillis the element's {@code currentTime}, rounded to milliseconds
 * @param paused whether the element is paused
 * @param ended whether the element reached the end
 * @param readyState the element's {@code readyState} (4 = enough data)
 * @param videoWidth the decoded picture's width, 0 before the first frame or for audio
 * @param videoHeight the decoded picture's height
 * @param totalVideoFrames {@code getVideoPlaybackQuality().totalVideoFrames}
 * @param droppedVideoFrames {@code getVideoPlaybackQuality().droppedVideoFrames}
 * @param level index of the level playing, or -1 when unknown
 * @param errors every error since the stream was loaded, oldest first
 */
public record PlayerState(
    long currentTimeMillis,
    boolean paused,
    boolean ended,
    int readyState,
    int videoWidth,
    int videoHeight,
    long totalVideoFrames,
    long droppedVideoFrames,
    int level,
    List<PlayerError> errors) {
  public PlayerState {
    errors = List.copyOf(errors);
  }

  /** Whether any error stopped playback. */
  public boolean hasFatalError() {
    return errors.stream().anyMatch(PlayerError::fatal);
  }
}
