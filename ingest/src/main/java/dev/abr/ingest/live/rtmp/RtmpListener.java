package dev.abr.ingest.live.rtmp;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Observes an {@link RtmpServer}: connections, publishes and every FLV tag. The Micrometer binding
 * or {@link LoggingRtmpListener} implement it for production, a recording one for tests.
 *
 * <p>Callbacks run on the connection's thread, in order per connection, concurrently across
 * connections; they must be fast, thread-safe and never throw (a throwing listener closes that
 * connection as {@link CloseReason#INTERNAL_ERROR}). Nothing passed here carries a stream key.
 * Every method does nothing by default.
 */
public interface RtmpListener {
  /** A connection was accepted. */
  default void connectionOpened(InetSocketAddress peer) {}

  /** The handshake with {@code peer} finished. */
  default void handshakeCompleted(InetSocketAddress peer, HandshakeKind kind) {}

  /** {@code peer} may publish as {@code streamId}; media follows. */
  default void publishStarted(String streamId, InetSocketAddress peer) {}

  /** {@code peer}'s publish was refused; it is being disconnected. */
  default void publishRefused(InetSocketAddress peer, RefusalReason reason) {}

  /**
   * A tag of {@code streamId} was received, just before it goes into the FLV stream (where it may
   * wait for the consumer). The tag's buffer must not be kept past the call.
   */
  default void tagReceived(String streamId, FlvTag tag) {}

  /** The {@link PublishHandler} of {@code streamId} threw; the publisher is disconnected. */
  default void handlerFailed(String streamId, Exception failure) {}

  /** The publish session of {@code streamId} ended; its FLV stream ends after what it buffered. */
  default void publishEnded(String streamId, CloseReason reason) {}

  /**
   * A connection closed.
   *
   * @param failure what went wrong, for {@link CloseReason#PROTOCOL_ERROR}, {@link
   *     CloseReason#INTERNAL_ERROR} and some {@link CloseReason#CLIENT_CLOSED}; its message never
   *     holds a key
   */
  default void connectionClosed(
      InetSocketAddress peer, CloseReason reason, @Nullable Throwable failure) {}
}
