package dev.abr.ingest.live.srt;

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

/**
 * An {@link SrtPublishHandler} that copies each session's TS stream to {@code <folder>/<id>.ts},
 * and lets a test wait for a session to start, to have received some bytes, and to end.
 */
final class TsCapture implements SrtPublishHandler {
  private final Path folder;
  final List<SrtPublishSession> sessions = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<SrtPublishSession>> started =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> flowing = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Path>> finished = new ConcurrentHashMap<>();

  TsCapture(Path folder) {
    this.folder = folder;
  }

  @Override
  public void onPublish(SrtPublishSession session) throws IOException {
    sessions.add(session);
    String id = session.streamId();
    future(started, id).complete(session);
    CompletableFuture<Path> done = future(finished, id);
    Path file = folder.resolve(id + ".ts");
    try (InputStream ts = session.ts();
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = ts.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        future(flowing, id).complete(null);
      }
      done.complete(file);
    } catch (IOException | RuntimeException e) {
      done.completeExceptionally(e);
      throw e;
    }
  }

  private static <T> CompletableFuture<T> future(
      Map<String, CompletableFuture<T>> futures, String streamId) {
    return futures.computeIfAbsent(streamId, id -> new CompletableFuture<>());
  }

  /** The session of {@code streamId} once it has started. */
  SrtPublishSession awaitStarted(String streamId, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future(started, streamId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns once TS bytes of {@code streamId} have been received. */
  void awaitBytes(String streamId, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    future(flowing, streamId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The captured file once the TS stream of {@code streamId} has ended. */
  Path awaitTs(String streamId, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future(finished, streamId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
