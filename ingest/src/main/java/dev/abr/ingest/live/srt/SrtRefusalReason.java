package dev.abr.ingest.live.srt;

/**
 * Why a caller was refused during the handshake, and the rejection code it receives ({@code
 * SRT_REJX_*}, SRT Access Control, libsrt {@code access_control.h}: 1000 + an HTTP-like status).
 * Safe to log: it never carries a passphrase.
 */
public enum SrtRefusalReason {
  /** The stream id is empty, too long or not valid access-control syntax. */
  MALFORMED_STREAM_ID(1400), // SRT_REJX_BAD_REQUEST
  /** The stream id asks for a mode other than {@code m=publish}: this server only receives. */
  UNSUPPORTED_MODE(1405), // SRT_REJX_BAD_MODE
  /** No such stream. */
  UNKNOWN_STREAM(1404), // SRT_REJX_NOTFOUND
  /** The stream exists and this caller may not publish it (for example it was revoked). */
  FORBIDDEN(1403), // SRT_REJX_FORBIDDEN
  /** The stream is being published already (one publisher per stream id). */
  ALREADY_PUBLISHING(1409), // SRT_REJX_CONFLICT
  /** The server has as many sessions as it allows. */
  OVER_CAPACITY(1402), // SRT_REJX_OVERLOAD
  /** The server is closing. */
  SERVER_STOPPING(1503), // SRT_REJX_DOWN
  /** The authorizer failed (threw); refused to be safe. */
  AUTHORIZER_FAILED(1500), // SRT_REJX_ISE
  /** A bug on our side, or libsrt refused a socket option. */
  INTERNAL_ERROR(1500); // SRT_REJX_ISE

  private final int rejectCode;

  SrtRefusalReason(int rejectCode) {
    this.rejectCode = rejectCode;
  }

  /** The {@code SRT_REJX_*} code the caller sees ({@code srt_getrejectreason}). */
  public int rejectCode() {
    return rejectCode;
  }
}
