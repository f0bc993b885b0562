package dev.abr.s3;

import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;

/** A store in a local folder ({@link LocalObjectStore}). */
public record FolderLocation(Path folder) implements StorageLocation {
  /** A folder location; the path is made absolute and normalized. */
  public FolderLocation {
    folder = folder.toAbsolutePath().normalize();
  }

  /** Opens a {@link LocalObjectStore} on the folder, creating it if missing. */
  @Override
  public ObjectStore open() throws IOException {
    try {
      return new LocalObjectStore(folder);
    } catch (IOException e) {
      throw new IOException(
          "cannot use folder " + folder + " for storage: " + S3Errors.oneLine(e), e);
    }
  }

  @Override
  public String describe() {
    return "folder " + folder;
  }
}
