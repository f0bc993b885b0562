package dev.abr.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where bytes live: a local folder or an S3 bucket. Keys are {@code /}-separated relative paths
 * checked by {@link StorageKeys#check}. Implementations are thread-safe.
 *
 * <p>Writers never expose a half-written object: {@link #putAtomically} either makes the whole new
 * content visible under the key or leaves the key as it was.
 */
public interface ObjectStore {
  /** Writes {@code bytes} under {@code key}, replacing any object there, atomically. */
  void putAtomically(String key, byte[] bytes) throws IOException;

  /** Writes the content of local file {@code source} under {@code key}, atomically. */
  void putFileAtomically(String key, Path source) throws IOException;

  /**
   * Writes {@code bytes} under {@code key} only if no object is there yet, atomically: the check
   * and the write are one step, so of any number of concurrent callers for an absent key (in this
   * process or any other sharing the store) exactly one returns true and its bytes are the object;
   * the others return false and change nothing. An existing object is never modified. Readers see
   * no object or the whole new one, as with {@link #putAtomically}.
   *
   * <p>A call that fails with an {@link IOException} may or may not have created the object (the
   * answer can be lost after the write); check with {@link #read} before retrying blindly.
   *
   * @return true if this call created the object, false if an object already existed
   */
  boolean putIfAbsent(String key, byte[] bytes) throws IOException;

  /**
   * Returns the object's bytes.
   *
   * @throws NoSuchFileException if there is no object under {@code key}
   */
  byte[] read(String key) throws IOException;

  /**
   * Returns part of the object's bytes: {@code lengthBytes} bytes from byte {@code offsetBytes}
   * (0-based), fewer if the object ends first, none if {@code offsetBytes} is at or past its end.
   * Like an HTTP range read: one request, no reading of the bytes before {@code offsetBytes}.
   *
   * @throws IllegalArgumentException if {@code offsetBytes} or {@code lengthBytes} is negative
   * @throws NoSuchFileException if there is no object under {@code key}
   */
  byte[] read(String key, long offsetBytes, int lengthBytes) throws IOException;

  /**
   * Opens the object for streaming.
   *
   * @throws NoSuchFileException if there is no object under {@code key}
   */
  InputStream open(String key) throws IOException;

  /** Returns true if an object exists under {@code key}. */
  boolean exists(String key) throws IOException;

  /**
   * Returns the object's size.
   *
   * @throws NoSuchFileException if there is no object under {@code key}
   */
  long size(String key) throws IOException;

  /** Returns the keys under {@code prefix} (a folder-like prefix, "" for all), sorted. */
  List<String> list(String prefix) throws IOException;

  /** Deletes the object under {@code key}, if any. */
  void delete(String key) throws IOException;

  /**
   * Returns a local file holding the object's bytes, for libraries that need a path (FFmpeg). For a
   * local folder that is the object itself; otherwise a temporary copy deleted on close.
   *
   * @throws NoSuchFileException if there is no object under {@code key}
   */
  LocalFile localFile(String key) throws IOException;

  /** Describes the store for messages, for example {@code folder /data/abr}; never a secret. */
  String describe();

  /** A local file lent by {@link #localFile}; close it when done. */
  interface LocalFile extends AutoCloseable {
    /** The path to read. */
    Path path();

    @Override
    void close() throws IOException;
  }
}
