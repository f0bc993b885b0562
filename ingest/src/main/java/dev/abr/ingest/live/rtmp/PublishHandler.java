package dev.abr.ingest.live.rtmp;

/** Receives each authorized publish. */
@FunctionalInterface
public interface PublishHandler {
  /**
   * Consumes {@code session}, typically by reading {@link PublishSession#flv()} to its end.
   *
   * <p>Called on a platform thread of its own for each session (handlers may block in native code,
   * which would pin a virtual thread's carrier), after the grant and before any media. The session
   * lasts until this method returns: then its FLV stream is closed and, if the client is still
   * publishing, it is disconnected ({@link CloseReason#CONSUMER_CLOSED}). An exception thrown here
   * is treated the same way.
   */
  void onPublish(PublishSession session) throws Exception;
}
