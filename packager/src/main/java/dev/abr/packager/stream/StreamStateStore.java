package dev.abr.packager.stream;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.json.Json;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageLayout;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the packager keeps one stream's state in the work store: numbered, write-once snapshots
 * ({@link StreamSnapshot}) and blocks of published segments ({@link PublishedBlock}).
 *
 * <p>Snapshot {@code v + 1} is created with {@link ObjectStore#putIfAbsent}, then snapshot {@code
 * v} is deleted; the newest snapshot is the one with the highest number. Creating a number that
 * exists fails: another packager (a new owner of the stream's partition, while this one was paused
 * or cut off) got there first, so this one's view is stale. It is told with a retriable {@link
 * PipelineException} and must reload. A stale packager can never make the newest snapshot older: it
 * can only create numbers nobody has used, and the loader takes the highest.
 *
 * <p>Not thread-safe: one stream is handled by one thread at a time.
 */
final class StreamStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(StreamStateStore.class);
  private static final Pattern SNAPSHOT = Pattern.compile(".*/snapshot-([0-9]{12})\\.json");

  private final ObjectStore work;
  private final String streamId;

  /** The number of the newest snapshot this store read or wrote; 0 before the first. */
  private long version;

  StreamStateStore(ObjectStore work, String streamId) {
    this.work = work;
    this.streamId = streamId;
  }

  /**
   * Reads the newest snapshot of the stream, if any, and deletes older ones left by a crash.
   *
   * @throws PipelineException {@code STORAGE_UNAVAILABLE} if the store fails, {@code
   *     SEGMENT_INVARIANT_VIOLATED} if the snapshot is not one
   */
  Optional<StreamSnapshot> load() {
    String folder = StorageLayout.packagerState(streamId);
    long newest = 0;
    List<String> keys;
    try {
      keys = work.list(folder);
    } catch (IOException e) {
      throw storageFailure("cannot list " + folder, e);
    }
    for (String key : keys) {
      Matcher matcher = SNAPSHOT.matcher(key);
      if (matcher.matches()) {
        newest = Math.max(newest, Long.parseLong(matcher.group(1)));
      }
    }
    version = newest;
    if (newest == 0) {
      return Optional.empty();
    }
    for (String key : keys) {
      Matcher matcher = SNAPSHOT.matcher(key);
      if (matcher.matches() && Long.parseLong(matcher.group(1)) < newest) {
        deleteQuietly(key);
      }
    }
    String key = StorageLayout.packagerSnapshot(streamId, newest);
    StreamSnapshot snapshot = read(key, StreamSnapshot.class);
    if (!snapshot.streamId().equals(streamId) || snapshot.version() != newest) {
      throw new PipelineException(
          ErrorCode.SEGMENT_INVARIANT_VIOLATED,
          key + " holds version " + snapshot.version() + " of stream " + snapshot.streamId());
    }
    return Optional.of(snapshot);
  }

  /** Reads block {@code index} of the published segments. */
  PublishedBlock readBlock(long index) {
    String key = StorageLayout.packagerPublishedBlock(streamId, index);
    PublishedBlock block = read(key, PublishedBlock.class);
    if (block.index() != index || !block.streamId().equals(streamId)) {
      throw new PipelineException(
          ErrorCode.SEGMENT_INVARIANT_VIOLATED,
          key + " holds block " + block.index() + " of stream " + block.streamId());
    }
    return block;
  }

  /**
   * Writes a full block. A block never changes once full, so writing it again (after a crash before
   * the snapshot that counts it) writes the same bytes.
   */
  void writeBlock(PublishedBlock block) {
    String key = StorageLayout.packagerPublishedBlock(streamId, block.index());
    try {
      work.putAtomically(key, Json.write(block));
    } catch (IOException e) {
      throw storageFailure("cannot write " + key, e);
    }
  }

  /**
   * Writes {@code snapshot} as the next version and deletes the previous one.
   *
   * @return the snapshot as written, with its version
   * @throws PipelineException {@code WORKER_OVERLOADED} (retriable) if another packager wrote that
   *     version first: reload the stream and apply the event again; {@code STORAGE_UNAVAILABLE} if
   *     the store fails (whether the snapshot was created is then unknown: reload as well)
   */
  StreamSnapshot write(StreamSnapshot snapshot) {
    long next = version + 1;
    StreamSnapshot numbered = snapshot.withVersion(next);
    String key = StorageLayout.packagerSnapshot(streamId, next);
    boolean created;
    try {
      created = work.putIfAbsent(key, Json.write(numbered));
    } catch (IOException e) {
      throw storageFailure("cannot write " + key, e);
    }
    if (!created) {
      throw new PipelineException(
          ErrorCode.WORKER_OVERLOADED,
          "stream "
              + streamId
              + ": another packager wrote state version "
              + next
              + " first (this one lost the stream's partition or was paused); reloading");
    }
    if (version > 0) {
      deleteQuietly(StorageLayout.packagerSnapshot(streamId, version));
    }
    version = next;
    return numbered;
  }

  /** Deletes blocks {@code 0} to {@code count - 1}, for a finished stream; failures are logged. */
  void deleteBlocks(long count) {
    for (long index = 0; index < count; index++) {
      deleteQuietly(StorageLayout.packagerPublishedBlock(streamId, index));
    }
  }

  private <T> T read(String key, Class<T> type) {
    byte[] bytes;
    try {
      bytes = work.read(key);
    } catch (NoSuchFileException e) {
      throw new PipelineException(
          ErrorCode.SEGMENT_INVARIANT_VIOLATED,
          "stream " + streamId + ": " + key + " is missing in " + work.describe(),
          e);
    } catch (IOException e) {
      throw storageFailure("cannot read " + key, e);
    }
    try {
      return Json.read(bytes, type, key);
    } catch (PipelineException e) {
      throw new PipelineException(
          ErrorCode.SEGMENT_INVARIANT_VIOLATED, "stream " + streamId + ": " + e.getMessage(), e);
    }
  }

  private void deleteQuietly(String key) {
    try {
      work.delete(key);
    } catch (IOException e) {
      LOG.debug("stream {}: cannot delete {} (left for later): {}", streamId, key, e.toString());
    }
  }

  private PipelineException storageFailure(String what, IOException e) {
    return new PipelineException(
        ErrorCode.STORAGE_UNAVAILABLE,
        "stream " + streamId + ": " + what + " in " + work.describe() + ": " + e.getMessage(),
        e);
  }
}
