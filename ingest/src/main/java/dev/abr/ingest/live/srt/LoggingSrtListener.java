package dev.abr.ingest.live.srt;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an {@link SrtServer}'s events through SLF4J: publishes and refusals at INFO, handshakes at
 * DEBUG, failures at WARN. Names streams by their public id, requested resources only made
 * printable, callers by address; never a passphrase. Thread-safe.
 */
public final class LoggingSrtListener implements SrtListener {
  private static final Logger LOG = LoggerFactory.getLogger(SrtServer.class);

  @Override
  public void connectionRequested(InetSocketAddress peer) {
    LOG.debug("srt: handshake from {}", peer);
  }

  @Override
  public void publishRefused(InetSocketAddress peer, String requested, SrtRefusalReason reason) {
    LOG.info("srt: publish of '{}' from {} refused: {}", requested, peer, reason);
  }

  @Override
  public void publishStarted(String streamId, InetSocketAddress peer) {
    LOG.info("srt: stream {} is live from {}", streamId, peer);
  }

  @Override
  public void handlerFailed(String streamId, Exception failure) {
    LOG.warn("srt: the handler of stream {} failed", streamId, failure);
  }

  @Override
  public void publishEnded(
      String streamId, InetSocketAddress peer, SrtCloseReason reason, @Nullable Throwable failure) {
    if (failure != null) {
      LOG.warn("srt: stream {} from {} ended: {}", streamId, peer, reason, failure);
    } else {
      LOG.info("srt: stream {} from {} ended: {}", streamId, peer, reason);
    }
  }

  @Override
  public void acceptFailed(Exception failure) {
    LOG.warn("srt: accepting connections failed", failure);
  }
}
