package dev.abr.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An object store in a local folder. Atomic writes go to a hidden temporary file in the target
 * folder, are forced to disk, then renamed over the key (POSIX rename is atomic); readers never see
 * a partial object. Temporary files start with {@code .tmp-} and are never listed.
 */
public final class LocalObjectStore implements ObjectStore {
  private final Path root;

  /** A store rooted at {@code root}, created if missing. */
  public LocalObjectStore(Path root) throws IOException {
    this.root = Files.createDirectories(root.toAbsolutePath().normalize());
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /** The file that holds {@code key} (which may not exist). */
  public Path pathOf(String key) {
    Path path = root.resolve(StorageKeys.check(key)).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("storage key escapes the store: " + key);
    }
    return path;
  }

  @Override
  public void putAtomically(String key, byte[] bytes) throws IOException {
    Path target = pathOf(key);
    Path temp = tempFileBeside(target);
    try {
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      moveAtomically(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void putFileAtomically(String key, Path source) throws IOException {
    Path target = pathOf(key);
    Path temp = tempFileBeside(target);
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      moveAtomically(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public byte[] read(String key) throws IOException {
    return Files.readAllBytes(pathOf(key));
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(pathOf(key));
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(pathOf(key));
  }

  @Override
  public long size(String key) throws IOException {
    Path path = pathOf(key);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(key);
    }
    return Files.size(path);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path start =
        prefix.isEmpty()
            ? root
            : pathOf(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".tmp-"))
          .forEach(p -> keys.add(root.relativize(p).toString().replace('\\', '/')));
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(pathOf(key));
  }

  @Override
  public LocalFile localFile(String key) throws IOException {
    Path path = pathOf(key);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(key);
    }
    return new LocalFile() {
      @Override
      public Path path() {
        return path;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public String describe() {
    return "folder " + root;
  }

  private static Path tempFileBeside(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    return target.resolveSibling(".tmp-" + target.getFileName() + "-" + UUID.randomUUID());
  }

  private static void moveAtomically(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system of "
              + target.getParent()
              + " cannot rename atomically; "
              + "use a local disk for the store",
          e);
    }
  }
}
