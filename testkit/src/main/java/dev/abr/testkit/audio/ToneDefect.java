package dev.abr.testkit.audio;

/** Why a run of blocks of a decoded test tone was flagged. */
public enum ToneDefect {
  /** The tone shifts across a block by more than the limit: samples missing, repeated or added. */
  PHASE_JUMP,
  /** A sample deviates from the fitted tone by more than the limit: a click or a splice. */
  CLICK,
  /** A block's amplitude is below the limit: a dropout or inserted silence. */
  DROPOUT,
  /** A block's amplitude is above the limit: a burst, overlap of two signals or codec glitch. */
  SURGE
}
