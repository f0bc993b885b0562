package dev.abr.core.message;

import dev.abr.core.error.ErrorCode;
import java.time.Instant;

/**
 * A segment could not be produced; the stream cannot complete.
 *
 * @param jobId job id
 * @param streamId stream id
 * @param rendition the rendition, or {@code *} for all video renditions of the chunk
 * @param sequence segment number
 * @param code error code
 * @param message what failed and what to do
 * @param at wall-clock time
 */
public record FragmentFailed(
    String jobId,
    String streamId,
    String rendition,
    long sequence,
    ErrorCode code,
    String message,
    Instant at)
    implements PackageEvent {}
