package dev.abr.s3;

import dev.abr.core.storage.ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a store lives, as given on a command line or in config: a local folder or an S3 bucket and
 * prefix. {@link #parse} validates the text; {@link #open} connects and checks that the store is
 * usable, so a bad location fails at start-up with one clear line rather than at the first write.
 *
 * <p>Neither the text nor any message derived from it carries credentials: S3 credentials come from
 * the AWS default chain (environment, system properties, profile, container or instance role).
 */
public sealed interface StorageLocation permits FolderLocation, S3Location {
  /**
   * Parses a storage location.
   *
   * <ul>
   *   <li>{@code /data/abr}, {@code out}, {@code file:///data/abr}: a local folder.
   *   <li>{@code s3://bucket} or {@code s3://bucket/prefix/parts}, optionally with query parameters
   *       {@code endpoint} (an {@code http}/{@code https} URL, for S3-compatible servers), {@code
   *       pathStyle} ({@code true}/{@code false}; default true when an endpoint is given) and
   *       {@code region} (default: the AWS default region chain, else {@code us-east-1}). Example:
   *       {@code s3://media/abr?endpoint=http://127.0.0.1:9000&pathStyle=true&region=us-east-1}.
   * </ul>
   *
   * @throws IllegalArgumentException with a one-line message naming the bad part (never echoing
   *     user info or parameter values that could be secrets)
   */
  static StorageLocation parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "storage location is empty: give a folder path or s3://bucket/prefix");
    }
    int schemeEnd = trimmed.indexOf("://");
    if (schemeEnd < 0) {
      return new FolderLocation(folder(trimmed));
    }
    String scheme = trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "s3" -> S3Location.parse(trimmed);
      case "file" -> new FolderLocation(fileUrl(trimmed));
      default ->
          throw new IllegalArgumentException(
              "unsupported storage URL scheme \""
                  + scheme.replaceAll("[^a-z0-9+.-]", "?")
                  + "\": use a folder path or s3://bucket/prefix");
    };
  }

  /**
   * Opens the store and checks it is usable: a folder is created if missing; an S3 bucket must
   * exist and accept the credentials. The caller closes S3 stores ({@link S3ObjectStore#close}).
   *
   * @throws IOException with a one-line message when the store cannot be used
   */
  ObjectStore open() throws IOException;

  /** Describes the location for messages and logs; never a secret. */
  String describe();

  private static Path fileUrl(String text) {
    try {
      return Path.of(URI.create(text));
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      throw new IllegalArgumentException(
          "bad file URL for storage: use file:///absolute/folder or a plain folder path", e);
    }
  }

  private static Path folder(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("bad folder path for storage: " + e.getMessage(), e);
    }
  }
}
