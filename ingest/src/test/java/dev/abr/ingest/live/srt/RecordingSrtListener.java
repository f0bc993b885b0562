package dev.abr.ingest.live.srt;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Records what an {@link SrtServer} reports (and logs it, as production does). */
final class RecordingSrtListener implements SrtListener {
  /** A refusal as the listener saw it. */
  record Refusal(String requested, SrtRefusalReason reason) {}

  private final LoggingSrtListener logging = new LoggingSrtListener();
  final List<InetSocketAddress> requested = new CopyOnWriteArrayList<>();
  final List<Refusal> refused = new CopyOnWriteArrayList<>();
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<Exception> handlerFailures = new CopyOnWriteArrayList<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<SrtCloseReason>> ended = new ConcurrentHashMap<>();
  private final CompletableFuture<Refusal> firstRefusal = new CompletableFuture<>();

  @Override
  public void connectionRequested(InetSocketAddress peer) {
    logging.connectionRequested(peer);
    requested.add(peer);
  }

  @Override
  public void publishRefused(InetSocketAddress peer, String requested, SrtRefusalReason reason) {
    logging.publishRefused(peer, requested, reason);
    Refusal refusal = new Refusal(requested, reason);
    refused.add(refusal);
    firstRefusal.complete(refusal);
  }

  @Override
  public void publishStarted(String streamId, InetSocketAddress peer) {
    logging.publishStarted(streamId, peer);
    started.add(streamId);
  }

  @Override
  public void handlerFailed(String streamId, Exception failure) {
    logging.handlerFailed(streamId, failure);
    handlerFailures.add(failure);
  }

  @Override
  public void publishEnded(
      String streamId, InetSocketAddress peer, SrtCloseReason reason, @Nullable Throwable failure) {
    logging.publishEnded(streamId, peer, reason, failure);
    if (failure != null) {
      failures.add(failure);
    }
    ended(streamId).complete(reason);
  }

  @Override
  public void acceptFailed(Exception failure) {
    logging.acceptFailed(failure);
    failures.add(failure);
  }

  private CompletableFuture<SrtCloseReason> ended(String streamId) {
    return ended.computeIfAbsent(streamId, id -> new CompletableFuture<>());
  }

  /** Why the session of {@code streamId} ended, once it has. */
  SrtCloseReason awaitEnded(String streamId, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return ended(streamId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The first refusal, once there is one. */
  Refusal awaitRefusal(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return firstRefusal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
