package dev.abr.testkit.player;

/**
 * A quality level the player can switch to: an HLS variant or a DASH representation.
 *
 * @param index position in the player's list, as {@link BrowserPlayer#forceLevel} takes it
 * @param id the player's id for it (the DASH {@code Representation@id}, the HLS index)
 * @param width video width in pixels, 0 for audio
 * @param height video height in pixels, 0 for audio
 * @param bitsPerSecond the advertised bandwidth
 */
public record PlayerLevel(int index, String id, int width, int height, long bitsPerSecond) {
  /** Whether the level carries video. */
  public boolean hasVideo() {
    return width > 0 && height > 0;
  }
}
