package dev.abr.s3;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A media file on the file system of the process that opens it.
 *
 * @param path the path as given, not made absolute (a relative path is resolved by the reader)
 */
public record LocalInput(String path) implements InputLocation {
  /** Checks that {@code path} is a usable path. */
  public LocalInput {
    try {
      Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("bad input path: " + e.getReason(), e);
    }
  }

  /** The path. */
  public Path file() {
    return Path.of(path);
  }

  @Override
  public String text() {
    return path;
  }

  @Override
  public String describe() {
    return path;
  }
}
