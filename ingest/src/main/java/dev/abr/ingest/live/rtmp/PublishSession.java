package dev.abr.ingest.live.rtmp;

import dev.abr.ingest.live.BytePipe;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One authorized publish: who publishes, as which stream, and its FLV byte stream.
 *
 * <p>The FLV stream is an FLV file header followed by one tag per audio, video and data message
 * received, in arrival order, bodies unchanged ({@code @setDataFrame} is removed from data
 * messages, leaving {@code onMetaData} and its array as FFmpeg's FLV muxer writes them). Tag
 * timestamps are the RTMP timestamps as received (see {@link FlvTag} for wrapping). The stream
 * ends (returns -1) after the last tag when the client unpublishes or disconnects, or the session
 * is disconnected; it is bounded: while the consumer does not read, the connection stops reading
 * its socket. Thread-safe.
 */
public final class PublishSession {
  private final String streamId;
  private final InetSocketAddress peer;
  private final BytePipe pipe;
  private final Runnable disconnect;
  private final AtomicReference<CloseReason> end = new AtomicReference<>();

  PublishSession(String streamId, InetSocketAddress peer, BytePipe pipe, Runnable disconnect) {
    this.streamId = streamId;
    this.peer = peer;
    this.pipe = pipe;
    this.disconnect = disconnect;
  }

  /** The public stream id the authorizer granted. */
  public String streamId() {
    return streamId;
  }

  /** The publisher's address. */
  public InetSocketAddress peer() {
    return peer;
  }

  /**
   * The FLV byte stream; one consumer. Closing it before its end disconnects the publisher ({@link
   * CloseReason#CONSUMER_CLOSED}).
   */
  public InputStream flv() {
    return pipe.input();
  }

  /** Why the session ended, once it has; set before the FLV stream reports its end. */
  public Optional<CloseReason> end() {
    return Optional.ofNullable(end.get());
  }

  /** Disconnects the publisher ({@link CloseReason#DISCONNECTED}); the FLV stream then ends. */
  public void disconnect() {
    disconnect.run();
  }

  /** Records the end and ends the FLV stream after what is buffered. Idempotent. */
  void finish(CloseReason reason) {
    end.compareAndSet(null, reason);
    pipe.finish();
  }

  /** Appends FLV bytes, blocking while the consumer is behind. */
  void write(byte[] bytes) throws java.io.IOException {
    pipe.put(bytes);
  }

  @Override
  public String toString() {
    return "PublishSession[" + streamId + " from " + peer + "]";
  }
}
