package dev.abr.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An object store in a local folder. Atomic writes go to a hidden temporary file in the target
 * folder, are forced to disk, then renamed over the key (POSIX rename is atomic); readers never see
 * a partial object. Conditional creates ({@link #putIfAbsent}) hard-link the finished temporary
 * file to the key instead of renaming it. Temporary files start with {@code .tmp-} and are never
 * listed.
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

  /**
   * {@inheritDoc}
   *
   * <p>The new file is written and forced to disk under a temporary name, then hard-linked to the
   * key: {@code link(2)} fails if the name exists, so the check and the create are one atomic step
   * (the same create-new rule as {@code O_EXCL}), and the key never names a partial file.
   *
   * @throws IOException also if the store's file system cannot make hard links
   */
  @Override
  public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
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
      try {
        Files.createLink(target, temp);
        return true;
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("cannot create object " + key + ": a folder has that name", e);
        }
        return false;
      } catch (UnsupportedOperationException e) {
        throw new IOException(
            "the file system of "
                + target.getParent()
                + " cannot make hard links, which conditional writes need; "
                + "use a local disk for the store",
            e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public byte[] read(String key) throws IOException {
    return Files.readAllBytes(existingFile(key));
  }

  @Override
  public byte[] read(String key, long offsetBytes, int lengthBytes) throws IOException {
    checkRange(offsetBytes, lengthBytes);
    try (FileChannel channel = FileChannel.open(existingFile(key), StandardOpenOption.READ)) {
      long available = Math.max(0, channel.size() - offsetBytes);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(lengthBytes, available));
      long position = offsetBytes;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position);
        if (read < 0) {
          break; // truncated while we read: return what there was
        }
        position += read;
      }
      buffer.flip();
      return buffer.remaining() == buffer.capacity()
          ? buffer.array()
          : Arrays.copyOf(buffer.array(), buffer.remaining());
    }
  }

  private static void checkRange(long offsetBytes, int lengthBytes) {
    if (offsetBytes < 0 || lengthBytes < 0) {
      throw new IllegalArgumentException(
          "range must not be negative: offset " + offsetBytes + ", length " + lengthBytes);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(existingFile(key));
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(pathOf(key));
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(existingFile(key));
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
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(".tmp-")) {
              keys.add(root.relativize(file).toString().replace('\\', '/'));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            // A temporary file renamed or an object deleted while we walk: not an error.
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path folder, @Nullable IOException e)
              throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(pathOf(key));
  }

  @Override
  public LocalFile localFile(String key) throws IOException {
    Path path = existingFile(key);
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

  /** The file of {@code key}; a folder is not an object. */
  private Path existingFile(String key) throws NoSuchFileException {
    Path path = pathOf(key);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(key);
    }
    return path;
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
