package dev.abr.app;

import dev.abr.core.storage.ObjectStore;
import dev.abr.s3.StorageLocation;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stores a role process opened; closes the ones that hold connections (S3) on close. */
final class OpenStores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenStores.class);

  private final Deque<ObjectStore> opened = new ArrayDeque<>();

  /**
   * Opens {@code location} and checks it is usable.
   *
   * @param flag the option that named it, for the message
   * @throws CommandFailedException with {@link ExitCodes#EXTERNAL} if it cannot be used
   */
  ObjectStore open(StorageLocation location, String flag) {
    try {
      ObjectStore store = location.open();
      opened.push(store);
      LOG.info("{} is {}", flag, store.describe());
      return store;
    } catch (IOException e) {
      // StorageLocation's messages are one line and never carry credentials.
      throw new CommandFailedException(
          flag + ": " + location.describe() + " cannot be used: " + e.getMessage(),
          ExitCodes.EXTERNAL);
    }
  }

  @Override
  public void close() {
    while (!opened.isEmpty()) {
      if (opened.pop() instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("closing a store failed: {}", e.toString());
        }
      }
    }
  }
}
