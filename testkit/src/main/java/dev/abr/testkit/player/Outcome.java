package dev.abr.testkit.player;

/** How a wait on the browser ended. */
public enum Outcome {
  /** The awaited condition became true. */
  REACHED,
  /** A fatal player or video error stopped playback first. */
  FAILED,
  /** The deadline passed first. */
  TIMED_OUT
}
