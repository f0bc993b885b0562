package dev.abr.ingest.live.rtmp;

/** Why a connection, or the publish session on it, ended. */
public enum CloseReason {
  /** The client unpublished ({@code FCUnpublish}, {@code closeStream} or {@code deleteStream}). */
  UNPUBLISHED,
  /** The client closed the connection. */
  CLIENT_CLOSED,
  /** No data within the read timeout, or the handshake or publish did not finish in time. */
  TIMED_OUT,
  /** Malformed input or a limit exceeded (message size, chunk size, chunk streams). */
  PROTOCOL_ERROR,
  /** The publish was refused, or the client asked for something this server does not do. */
  REFUSED,
  /** Ended by {@link RtmpServer#disconnect(String)} or {@link PublishSession#disconnect()}. */
  DISCONNECTED,
  /** The consumer closed the FLV stream before it ended. */
  CONSUMER_CLOSED,
  /** The server has more connections than allowed. */
  OVER_CAPACITY,
  /** The server was closed. */
  SERVER_STOPPED,
  /** A bug on our side. */
  INTERNAL_ERROR
}
