package dev.abr.ingest.live.srt;

import dev.abr.ingest.live.AbstractPublishSession;
import dev.abr.ingest.live.BytePipe;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * One accepted SRT publish: who publishes, as which stream, and its MPEG-TS byte stream.
 *
 * <p>The TS stream is the payload of every live-mode message received, in delivery order, bytes
 * unchanged (an MPEG-TS caller sends whole 188-byte packets, usually seven per message). SRT
 * delivers in order after its latency window and drops what is too late, so a lossy path shows as
 * missing TS packets (continuity-counter gaps), never as reordering. The stream ends (returns -1)
 * after what was received when the caller disconnects, the session is disconnected ({@link
 * #disconnect()}, ending it as {@link SrtCloseReason#DISCONNECTED}) or the server closes; it is
 * bounded: a consumer that falls further behind than the buffer holds ends the session ({@link
 * SrtCloseReason#CONSUMER_TOO_SLOW}). Thread-safe.
 */
public final class SrtPublishSession extends AbstractPublishSession<SrtCloseReason> {
  SrtPublishSession(String streamId, InetSocketAddress peer, BytePipe pipe, Runnable disconnect) {
    super(streamId, peer, pipe, disconnect);
  }

  /**
   * The MPEG-TS byte stream; one consumer. Closing it before its end disconnects the caller ({@link
   * SrtCloseReason#CONSUMER_CLOSED}).
   */
  public InputStream ts() {
    return pipe().input();
  }

  /** Records the end (the first reason wins) and ends the TS stream after what is buffered. */
  void finish(SrtCloseReason reason) {
    endWith(reason);
  }

  /** Appends received bytes without waiting. */
  BytePipe.Offer write(byte[] bytes, int offset, int length) {
    return pipe().offer(bytes, offset, length);
  }
}
