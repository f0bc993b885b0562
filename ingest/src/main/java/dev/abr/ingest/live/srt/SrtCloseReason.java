package dev.abr.ingest.live.srt;

/** Why an SRT publish session (one accepted connection) ended. */
public enum SrtCloseReason {
  /** The caller closed the connection, or libsrt lost it (peer idle timeout). */
  CLIENT_CLOSED,
  /** No data within the read timeout. */
  TIMED_OUT,
  /** The consumer fell behind by more than the session's buffer: a live source cannot wait. */
  CONSUMER_TOO_SLOW,
  /** The consumer closed the TS stream, or its handler returned or threw, before the end. */
  CONSUMER_CLOSED,
  /** Ended by {@link SrtServer#disconnect(String)} or {@link SrtPublishSession#disconnect()}. */
  DISCONNECTED,
  /**
   * Refused after the handshake: another caller of the same stream id got there first, or the
   * server was full.
   */
  REFUSED,
  /** The server was closed. */
  SERVER_STOPPED,
  /** A bug on our side, or libsrt failed. */
  INTERNAL_ERROR
}
