package dev.abr.ingest.live.rtmp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Records what an {@link RtmpServer} reports (and logs it, as production does). */
final class RecordingRtmpListener implements RtmpListener {
  /** What the test keeps of a tag: no body. */
  record TagInfo(
      FlvTag.Type type,
      long timestampMillis,
      boolean keyFrame,
      int sizeBytes,
      String firstBytesHex) {}

  private final LoggingRtmpListener logging = new LoggingRtmpListener();
  final List<HandshakeKind> handshakes = new CopyOnWriteArrayList<>();
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<RefusalReason> refused = new CopyOnWriteArrayList<>();
  final Map<String, CloseReason> ended = new ConcurrentHashMap<>();
  final List<CloseReason> closed = new CopyOnWriteArrayList<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  final Map<String, List<TagInfo>> tags = new ConcurrentHashMap<>();
  final List<Exception> handlerFailures = new CopyOnWriteArrayList<>();

  @Override
  public void connectionOpened(InetSocketAddress peer) {
    logging.connectionOpened(peer);
  }

  @Override
  public void handshakeCompleted(InetSocketAddress peer, HandshakeKind kind) {
    logging.handshakeCompleted(peer, kind);
    handshakes.add(kind);
  }

  @Override
  public void publishStarted(String streamId, InetSocketAddress peer) {
    logging.publishStarted(streamId, peer);
    started.add(streamId);
  }

  @Override
  public void publishRefused(InetSocketAddress peer, RefusalReason reason) {
    logging.publishRefused(peer, reason);
    refused.add(reason);
  }

  @Override
  public void tagReceived(String streamId, FlvTag tag) {
    tags.computeIfAbsent(streamId, id -> new CopyOnWriteArrayList<>())
        .add(
            new TagInfo(
                tag.type(),
                tag.timestampMillis(),
                tag.keyFrame(),
                tag.data().remaining(),
                firstBytesHex(tag.data())));
  }

  @Override
  public void handlerFailed(String streamId, Exception failure) {
    logging.handlerFailed(streamId, failure);
    handlerFailures.add(failure);
  }

  @Override
  public void publishEnded(String streamId, CloseReason reason) {
    logging.publishEnded(streamId, reason);
    ended.put(streamId, reason);
  }

  @Override
  public void connectionClosed(
      InetSocketAddress peer, CloseReason reason, @Nullable Throwable failure) {
    logging.connectionClosed(peer, reason, failure);
    closed.add(reason);
    if (failure != null) {
      failures.add(failure);
    }
  }

  private static String firstBytesHex(java.nio.ByteBuffer data) {
    byte[] first = new byte[Math.min(5, data.remaining())];
    data.duplicate().get(first);
    return java.util.HexFormat.of().formatHex(first);
  }

  List<TagInfo> tags(String streamId) {
    return tags.getOrDefault(streamId, List.of());
  }

  long tagCount(String streamId, FlvTag.Type type) {
    return tags(streamId).stream().filter(tag -> tag.type() == type).count();
  }
}
