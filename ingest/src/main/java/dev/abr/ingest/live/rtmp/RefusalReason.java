package dev.abr.ingest.live.rtmp;

/** Why a publish was refused. Safe to log: it never carries the key. */
public enum RefusalReason {
  /** No such key. */
  UNKNOWN_KEY,
  /** The key existed and was revoked. */
  REVOKED_KEY,
  /** The key is not valid for the application the client connected to. */
  WRONG_APP,
  /** The stream id the key grants is already being published (one publisher per key). */
  ALREADY_PUBLISHING,
  /** The authorizer failed (threw); refused to be safe. */
  AUTHORIZER_FAILED
}
