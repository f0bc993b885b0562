package dev.abr.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The one failure type of the pipeline. Its message names the object and the fix, for example
 * {@code "input.mp4: no video or audio stream found (is it a media file?)"}.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public PipelineException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public PipelineException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** Returns the categorised code. */
  public ErrorCode code() {
    return code;
  }

  /**
   * Returns {@code failure} as a pipeline exception: itself when it is one, otherwise wrapped as
   * {@link ErrorCode#INTERNAL_ERROR} with {@code context} in front of its message.
   */
  public static PipelineException wrap(Throwable failure, String context) {
    if (failure instanceof PipelineException pipelineException) {
      return pipelineException;
    }
    return new PipelineException(ErrorCode.INTERNAL_ERROR, context + ": " + failure, failure);
  }
}
