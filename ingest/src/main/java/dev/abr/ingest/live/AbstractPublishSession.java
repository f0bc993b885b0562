package dev.abr.ingest.live;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every accepted publish to a live server has, whatever the protocol: the public stream id,
 * the publisher's address, a bounded byte stream fed by the server ({@link BytePipe}), why it
 * ended, and a way to disconnect it. Each protocol's session type extends this and names its stream
 * and its end reasons: RTMP's {@code PublishSession} (FLV, {@code CloseReason}), SRT's {@code
 * SrtPublishSession} (MPEG-TS, {@code SrtCloseReason}). Not meant to be extended elsewhere.
 * Thread-safe.
 *
 * @param <R> the protocol's end reasons
 */
public abstract class AbstractPublishSession<R extends Enum<R>> {
  private final String streamId;
  private final InetSocketAddress peer;
  private final BytePipe pipe;
  private final Runnable disconnect;
  private final AtomicReference<R> end = new AtomicReference<>();

  /**
   * A session of {@code streamId} published from {@code peer}, whose byte stream is {@code pipe}'s
   * input; {@code disconnect} asks the server to end it (from any thread, any number of times).
   */
  protected AbstractPublishSession(
      String streamId, InetSocketAddress peer, BytePipe pipe, Runnable disconnect) {
    this.streamId = streamId;
    this.peer = peer;
    this.pipe = pipe;
    this.disconnect = disconnect;
  }

  /** The public stream id the authorizer granted; never a key or passphrase. */
  public final String streamId() {
    return streamId;
  }

  /** The publisher's address. */
  public final InetSocketAddress peer() {
    return peer;
  }

  /** Why the session ended, once it has; set before the byte stream reports its end. */
  public final Optional<R> end() {
    return Optional.ofNullable(end.get());
  }

  /** Disconnects the publisher; the byte stream then ends after what is buffered. */
  public final void disconnect() {
    disconnect.run();
  }

  /** The pipe the server writes to and the consumer reads from. */
  protected final BytePipe pipe() {
    return pipe;
  }

  /**
   * Records the end (the first reason wins) and ends the byte stream after what is buffered.
   * Idempotent.
   */
  protected final void endWith(R reason) {
    end.compareAndSet(null, reason);
    pipe.finish();
  }

  /** {@code <SessionType>[<stream id> from <peer>]}. */
  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[" + streamId + " from " + peer + "]";
  }
}
