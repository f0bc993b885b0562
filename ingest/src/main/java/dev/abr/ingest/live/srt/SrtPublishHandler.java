package dev.abr.ingest.live.srt;

/** Receives each accepted SRT publish. */
@FunctionalInterface
public interface SrtPublishHandler {
  /**
   * Consumes {@code session}, typically by reading {@link SrtPublishSession#ts()} to its end.
   *
   * <p>Called on a platform thread of its own for each session (handlers may block in native code,
   * which would pin a virtual thread's carrier), once the handshake has succeeded and before any
   * media. The session lasts until this method returns: then its TS stream is closed and, if the
   * caller is still connected, it is disconnected ({@link SrtCloseReason#CONSUMER_CLOSED}). An
   * exception thrown here is treated the same way.
   */
  void onPublish(SrtPublishSession session) throws Exception;
}
