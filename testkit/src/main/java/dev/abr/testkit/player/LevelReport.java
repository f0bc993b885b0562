package dev.abr.testkit.player;

/**
 * What happened when a level was forced: whether the player switched and the browser decoded frames
 * of that level.
 *
 * @param player which player
 * @param level the forced level
 * @param outcome {@link Outcome#REACHED} when the level played: for video, frames of its size were
 *     decoded after the switch; for audio, the position advanced
 * @param framesDecodedAtLevel video frames decoded since the picture first had the level's size
 * @param state the last snapshot
 */
public record LevelReport(
    PlayerKind player,
    PlayerLevel level,
    Outcome outcome,
    long framesDecodedAtLevel,
    PlayerState state) {}
