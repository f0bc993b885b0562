package dev.abr.ingest.live.rtmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link PublishHandler} that copies each session's FLV stream to {@code <folder>/<id>.flv}. */
final class FlvCapture implements PublishHandler {
  private final Path folder;
  final List<PublishSession> sessions = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<Path>> finished = new ConcurrentHashMap<>();

  FlvCapture(Path folder) {
    this.folder = folder;
  }

  @Override
  public void onPublish(PublishSession session) throws IOException {
    sessions.add(session);
    CompletableFuture<Path> done = future(session.streamId());
    Path file = folder.resolve(session.streamId() + ".flv");
    try (InputStream flv = session.flv();
        OutputStream out = Files.newOutputStream(file)) {
      flv.transferTo(out);
      done.complete(file);
    } catch (IOException | RuntimeException e) {
      done.completeExceptionally(e);
      throw e;
    }
  }

  private CompletableFuture<Path> future(String streamId) {
    return finished.computeIfAbsent(streamId, id -> new CompletableFuture<>());
  }

  /** The captured file once the stream of {@code streamId} has ended. */
  Path awaitFlv(String streamId, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future(streamId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
