package dev.abr.core.message;

import dev.abr.core.error.ErrorCode;
import java.time.Instant;

/**
 * Ingest failed; nothing of the stream may be published as complete.
 *
 * @param jobId job id
 * @param streamId stream id
 * @param code error code
 * @param message what failed and what to do
 * @param at wall-clock time
 */
public record StreamFailed(
    String jobId, String streamId, ErrorCode code, String message, Instant at)
    implements PackageEvent {}
