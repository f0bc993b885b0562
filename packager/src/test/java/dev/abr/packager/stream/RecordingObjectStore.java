package dev.abr.packager.stream;

import dev.abr.core.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A real store that records every write (key, in order) and can fail the next write of a key that
 * matches a rule, as a crash or an outage at that moment would. Thread-safe.
 */
final class RecordingObjectStore implements ObjectStore {
  private final ObjectStore delegate;
  private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<Predicate<String>> failNext = new AtomicReference<>();

  RecordingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  /** Makes the next write (of any kind) to a key matching {@code rule} throw, once. */
  void failNextWrite(Predicate<String> rule) {
    failNext.set(rule);
  }

  /** Every key written so far (successfully), in order, with repeats. */
  List<String> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  /** How often {@code key} was written. */
  long writesOf(String key) {
    return writes().stream().filter(key::equals).count();
  }

  /** Every object under {@code prefix}, key to bytes. */
  Map<String, byte[]> objects(String prefix) throws IOException {
    Map<String, byte[]> objects = new TreeMap<>();
    for (String key : delegate.list(prefix)) {
      objects.put(key, delegate.read(key));
    }
    return objects;
  }

  private void beforeWrite(String key) throws IOException {
    Predicate<String> rule = failNext.get();
    if (rule != null && rule.test(key) && failNext.compareAndSet(rule, null)) {
      throw new IOException("injected failure writing " + key);
    }
  }

  @Override
  public void putAtomically(String key, byte[] bytes) throws IOException {
    beforeWrite(key);
    delegate.putAtomically(key, bytes);
    writes.add(key);
  }

  @Override
  public void putFileAtomically(String key, Path source) throws IOException {
    beforeWrite(key);
    delegate.putFileAtomically(key, source);
    writes.add(key);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
    beforeWrite(key);
    boolean created = delegate.putIfAbsent(key, bytes);
    if (created) {
      writes.add(key);
    }
    return created;
  }

  @Override
  public byte[] read(String key) throws IOException {
    return delegate.read(key);
  }

  @Override
  public byte[] read(String key, long offsetBytes, int lengthBytes) throws IOException {
    return delegate.read(key, offsetBytes, lengthBytes);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return delegate.open(key);
  }

  @Override
  public boolean exists(String key) throws IOException {
    return delegate.exists(key);
  }

  @Override
  public long size(String key) throws IOException {
    return delegate.size(key);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    return delegate.list(prefix);
  }

  @Override
  public void delete(String key) throws IOException {
    delegate.delete(key);
  }

  @Override
  public LocalFile localFile(String key) throws IOException {
    return delegate.localFile(key);
  }

  @Override
  public String describe() {
    return "recording " + delegate.describe();
  }
}
