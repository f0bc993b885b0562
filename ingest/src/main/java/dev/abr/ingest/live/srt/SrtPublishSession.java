package dev.abr.ingest.live.srt;

import dev.abr.ingest.live.BytePipe;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted SRT publish: who publishes, as which stream, and its MPEG-TS byte stream.
 *
 * <p>The TS stream is the payload of every live-mode message received, in delivery order, bytes
 * unchanged (an MPEG-TS caller sends whole 188-byte packets, usually seven per message). SRT
 * delivers in order after its latency window and drops what is too late, so a lossy path shows as
 * missing TS packets (continuity-counter gaps), never as reordering. The stream ends (returns -1)
 * after what was received when the caller disconnects, the session is disconnected or the server
 * closes; it is bounded: a consumer that falls further behind than the buffer holds ends the
 * session ({@link SrtCloseReason#CONSUMER_TOO_SLOW}). Thread-safe.
 */
public final class SrtPublishSession {
  private final String streamId;
  private final InetSocketAddress peer;
  private final BytePipe pipe;
  private final Runnable disconnect;
  private final AtomicReference<SrtCloseReason> end = new AtomicReference<>();

  SrtPublishSession(String streamId, InetSocketAddress peer, BytePipe pipe, Runnable disconnect) {
    this.streamId = streamId;
    this.peer = peer;
    this.pipe = pipe;
    this.disconnect = disconnect;
  }

  /** The public stream id the authorizer granted. */
  public String streamId() {
    return streamId;
  }

  /** The caller's address. */
  public InetSocketAddress peer() {
    return peer;
  }

  /**
   * The MPEG-TS byte stream; one consumer. Closing it before its end disconnects the caller ({@link
   * SrtCloseReason#CONSUMER_CLOSED}).
   */
  public InputStream ts() {
    return pipe.input();
  }

  /** Why the session ended, once it has; set before the TS stream reports its end. */
  public Optional<SrtCloseReason> end() {
    return Optional.ofNullable(end.get());
  }

  /** Disconnects the caller ({@link SrtCloseReason#DISCONNECTED}); the TS stream then ends. */
  public void disconnect() {
    disconnect.run();
  }

  /** Records the end (the first reason wins) and ends the TS stream after what is buffered. */
  void finish(SrtCloseReason reason) {
    end.compareAndSet(null, reason);
    pipe.finish();
  }

  /** Appends received bytes without waiting. */
  BytePipe.Offer write(byte[] bytes, int offset, int length) {
    return pipe.offer(bytes, offset, length);
  }

  @Override
  public String toString() {
    return "SrtPublishSession[" + streamId + " from " + peer + "]";
  }
}
