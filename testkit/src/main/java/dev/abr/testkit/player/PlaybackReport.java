package dev.abr.testkit.player;

import java.net.URI;
import java.util.List;

/**
 * What happened when a stream was played until its position advanced.
 *
 * @param player which player
 * @param manifest the URL it played
 * @param outcome {@link Outcome#REACHED} when playback started and advanced far enough
 * @param startedAtMillis the position when playback was first seen running, or -1 if it never
 *     started
 * @param advancedMillis how far the position moved after that
 * @param state the last snapshot
 * @param levels the levels the player offered
 */
public record PlaybackReport(
    PlayerKind player,
    URI manifest,
    Outcome outcome,
    long startedAtMillis,
    long advancedMillis,
    PlayerState state,
    List<PlayerLevel> levels) {
  public PlaybackReport {
    levels = List.copyOf(levels);
  }

  /** Every error since the stream was loaded. */
  public List<PlayerError> errors() {
    return state.errors();
  }
}
