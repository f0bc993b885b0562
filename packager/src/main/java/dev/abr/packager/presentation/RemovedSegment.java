package dev.abr.packager.presentation;

import java.time.Instant;

/**
 * A segment that slid out of the live window: no manifest written from now on names it, but players
 * that loaded an older manifest may still fetch it until {@code deletableAt}.
 *
 * @param sequence the segment number; its files are {@code {rendition}/{sequence}.m4s} in every
 *     rendition
 * @param removedAt when it left the window
 * @param deletableAt the earliest time its files may be deleted: {@code removedAt} plus its
 *     duration plus the duration of the longest playlist that listed it (RFC 8216 §6.2.2), rounded
 *     up to the millisecond
 */
public record RemovedSegment(long sequence, Instant removedAt, Instant deletableAt) {
  public RemovedSegment {
    if (deletableAt.isBefore(removedAt)) {
      throw new IllegalArgumentException(
          "segment "
              + sequence
              + " would be deletable at "
              + deletableAt
              + ", before its removal at "
              + removedAt);
    }
  }
}
