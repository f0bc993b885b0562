package dev.abr.ingest.live.rtmp;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an {@link RtmpServer}'s events through SLF4J: publishes and refusals at INFO, connections at
 * DEBUG, failures at WARN (bugs) or DEBUG (bad input), tags never. Names streams by their public id
 * and clients by address, never by key or app. Thread-safe.
 */
public final class LoggingRtmpListener implements RtmpListener {
  private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

  @Override
  public void connectionOpened(InetSocketAddress peer) {
    LOG.debug("rtmp: connection from {}", peer);
  }

  @Override
  public void handshakeCompleted(InetSocketAddress peer, HandshakeKind kind) {
    LOG.debug("rtmp: {} handshake with {}", kind, peer);
  }

  @Override
  public void publishStarted(String streamId, InetSocketAddress peer) {
    LOG.info("rtmp: stream {} is live from {}", streamId, peer);
  }

  @Override
  public void publishRefused(InetSocketAddress peer, RefusalReason reason) {
    LOG.info("rtmp: publish from {} refused: {}", peer, reason);
  }

  @Override
  public void handlerFailed(String streamId, Exception failure) {
    LOG.warn("rtmp: the handler of stream {} failed", streamId, failure);
  }

  @Override
  public void publishEnded(String streamId, CloseReason reason) {
    LOG.info("rtmp: stream {} ended: {}", streamId, reason);
  }

  @Override
  public void connectionClosed(
      InetSocketAddress peer, CloseReason reason, @Nullable Throwable failure) {
    if (reason == CloseReason.INTERNAL_ERROR) {
      LOG.warn("rtmp: connection from {} failed", peer, failure);
    } else if (failure != null) {
      LOG.debug("rtmp: connection from {} closed: {} ({})", peer, reason, failure.toString());
    } else {
      LOG.debug("rtmp: connection from {} closed: {}", peer, reason);
    }
  }
}
