package dev.abr.core.message;

import dev.abr.core.error.ErrorCode;

/**
 * Why a job failed.
 *
 * @param code categorised code
 * @param message one line naming the object and the fix
 */
public record JobError(ErrorCode code, String message) {}
