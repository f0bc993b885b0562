package dev.abr.ingest.live.srt;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Observes an {@link SrtServer}: handshakes, refusals, sessions. {@link LoggingSrtListener}
 * implements it for production, a recording one for tests.
 *
 * <p>Callbacks must be fast, thread-safe and never throw (an exception is caught and ignored by the
 * server). {@link #connectionRequested} and most {@link #publishRefused} calls run on libsrt's
 * receiving thread, which no packet of the port gets past while they run. Nothing passed here
 * carries a passphrase; stream ids are public, and a requested resource is passed only made
 * printable. Every method does nothing by default.
 */
public interface SrtListener {
  /** A caller's conclusion handshake arrived; authorization follows. */
  default void connectionRequested(InetSocketAddress peer) {}

  /**
   * {@code peer} was refused: during the handshake, or just after it when another caller of the
   * same stream id was accepted first or the server was full.
   *
   * @param requested the resource the caller asked for, made printable and cut to 64 characters
   *     ({@code ""} when its stream id did not parse)
   */
  default void publishRefused(InetSocketAddress peer, String requested, SrtRefusalReason reason) {}

  /** The handshake with {@code peer} succeeded and it publishes as {@code streamId}. */
  default void publishStarted(String streamId, InetSocketAddress peer) {}

  /** The {@link SrtPublishHandler} of {@code streamId} threw; the caller is disconnected. */
  default void handlerFailed(String streamId, Exception failure) {}

  /**
   * The session of {@code streamId} ended and its connection closed; its TS stream ends after what
   * it buffered.
   *
   * @param failure what went wrong, for {@link SrtCloseReason#INTERNAL_ERROR}; its message never
   *     holds a passphrase
   */
  default void publishEnded(
      String streamId,
      InetSocketAddress peer,
      SrtCloseReason reason,
      @Nullable Throwable failure) {}

  /** The accepting thread met an error from libsrt that did not come from closing the server. */
  default void acceptFailed(Exception failure) {}
}
