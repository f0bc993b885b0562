package dev.abr.core.error;

/**
 * Categorised failure codes. A code is a metric tag and a log field, and goes into failed-job
 * events.
 */
public enum ErrorCode {
  INPUT_UNREADABLE(ErrorKind.INPUT),
  INPUT_UNSUPPORTED_FORMAT(ErrorKind.INPUT),
  INPUT_UNSUPPORTED_CODEC(ErrorKind.INPUT),
  INPUT_OVER_LIMITS(ErrorKind.INPUT),
  INPUT_TIMESTAMPS_INVALID(ErrorKind.INPUT),
  INPUT_INVALID_DOCUMENT(ErrorKind.INPUT),
  DECODE_FAILED(ErrorKind.INTERNAL),
  ENCODE_FAILED(ErrorKind.INTERNAL),
  SEGMENT_INVARIANT_VIOLATED(ErrorKind.INTERNAL),
  INTERNAL_ERROR(ErrorKind.INTERNAL),
  WORKER_OVERLOADED(ErrorKind.RESOURCES),
  STORAGE_UNAVAILABLE(ErrorKind.EXTERNAL),
  KAFKA_UNAVAILABLE(ErrorKind.EXTERNAL),
  /**
   * A live source cannot be reached, stopped sending or went away (connection refused or reset, no
   * data within the read timeout, an SRT handshake that never completes). Retriable: the caller
   * reconnects.
   */
  SOURCE_UNAVAILABLE(ErrorKind.EXTERNAL);

  private final ErrorKind kind;

  ErrorCode(ErrorKind kind) {
    this.kind = kind;
  }

  /** Returns who is at fault. */
  public ErrorKind kind() {
    return kind;
  }

  /** Returns true when another attempt may succeed (resources or an external dependency). */
  public boolean isRetriable() {
    return kind == ErrorKind.RESOURCES || kind == ErrorKind.EXTERNAL;
  }
}
