package dev.abr.testkit.player;

/**
 * An error the page saw: an hls.js {@code ERROR} event, a dash.js {@code error} or {@code
 * playbackError} event, or an {@code error} of the video element.
 *
 * @param source {@code hls.js}, {@code dash.js} or {@code video}
 * @param fatal whether playback stopped because of it
 * @param type the player's error type or code
 * @param details the player's details or message
 */
public record PlayerError(String source, boolean fatal, String type, String details) {}
