package dev.abr.core.message;

import dev.abr.core.error.ErrorCode;
import java.time.Instant;

/**
 * A chunk the transcoder gave up on, with the reason ({@code
 * schemas/transcode-deadlettered.v1.schema.json}).
 *
 * @param request the original request
 * @param code error code
 * @param message what failed
 * @param attempts how many times it was tried
 * @param at wall-clock time
 */
public record TranscodeDeadLettered(
    TranscodeRequested request, ErrorCode code, String message, int attempts, Instant at) {}
