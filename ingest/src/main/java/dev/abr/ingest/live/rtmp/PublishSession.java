package dev.abr.ingest.live.rtmp;

import dev.abr.ingest.live.AbstractPublishSession;
import dev.abr.ingest.live.BytePipe;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * One authorized publish: who publishes, as which stream, and its FLV byte stream.
 *
 * <p>The FLV stream is an FLV file header followed by one tag per audio, video and data message
 * received, in arrival order, bodies unchanged ({@code @setDataFrame} is removed from data
 * messages, leaving {@code onMetaData} and its array as FFmpeg's FLV muxer writes them). Tag
 * timestamps are the RTMP timestamps as received (see {@link FlvTag} for wrapping). The stream ends
 * (returns -1) after the last tag when the client unpublishes or disconnects, or the session is
 * disconnected ({@link #disconnect()}, ending it as {@link CloseReason#DISCONNECTED}); it is
 * bounded: while the consumer does not read, the connection stops reading its socket. Thread-safe.
 */
public final class PublishSession extends AbstractPublishSession<CloseReason> {
  PublishSession(String streamId, InetSocketAddress peer, BytePipe pipe, Runnable disconnect) {
    super(streamId, peer, pipe, disconnect);
  }

  /**
   * The FLV byte stream; one consumer. Closing it before its end disconnects the publisher ({@link
   * CloseReason#CONSUMER_CLOSED}).
   */
  public InputStream flv() {
    return pipe().input();
  }

  /** Records the end and ends the FLV stream after what is buffered. Idempotent. */
  void finish(CloseReason reason) {
    endWith(reason);
  }

  /** Appends FLV bytes, blocking while the consumer is behind. */
  void write(byte[] bytes) throws IOException {
    pipe().put(bytes);
  }
}
