package dev.abr.ingest.vod;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.s3.InputLocation;
import dev.abr.s3.LocalInput;
import dev.abr.s3.S3Input;
import dev.abr.s3.S3Options;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job's {@code input} ({@link InputLocation}) into a local file the demuxer can open: a
 * local path as it is; an {@code s3://} object downloaded into a new folder in the scratch folder,
 * named like the key's last part (so messages name {@code clip.mp4}), and deleted with that folder
 * when the file is closed. Credentials for S3 come from {@link S3Options} (in production the AWS
 * default chain); neither they nor the URL's parameters reach a message or a log. Thread-safe.
 */
public final class VodInputs {
  private static final Logger LOG = LoggerFactory.getLogger(VodInputs.class);

  private final Path tempDir;
  private final S3Options s3Options;

  /**
   * @param tempDir the scratch folder downloads go to; must exist
   * @param s3Options how S3 is reached (credentials, retries)
   */
  public VodInputs(Path tempDir, S3Options s3Options) {
    this.tempDir = tempDir;
    this.s3Options = s3Options;
  }

  /**
   * Returns the input as a local file; close it when done (deletes a downloaded copy).
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the input is not a valid path
   *     or {@code s3://} URL, or the object does not exist or may not be read (the message names
   *     the object and the fix); {@link ErrorCode#STORAGE_UNAVAILABLE} (retriable) if S3 cannot be
   *     reached or fails, no credentials are found, or the scratch folder cannot be written
   */
  public InputFile open(String input) {
    InputLocation location;
    try {
      location = InputLocation.parse(input);
    } catch (IllegalArgumentException e) {
      // The message never echoes user info or URL parameters.
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, "the job's input cannot be used: " + e.getMessage(), e);
    }
    return switch (location) {
      case LocalInput local -> new InputFile(local.file(), null);
      case S3Input object -> download(object);
    };
  }

  private InputFile download(S3Input object) {
    Path folder;
    try {
      folder = Files.createTempDirectory(tempDir, "input-");
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          "cannot make a scratch folder in " + tempDir + " for " + object.describe() + ": " + e,
          e);
    }
    Path file = folder.resolve(object.fileName());
    long startNanos = System.nanoTime();
    try {
      object.download(file, s3Options);
      LOG.info(
          "input {} downloaded to the scratch folder: {} bytes in {} ms",
          object.describe(),
          Files.size(file),
          (System.nanoTime() - startNanos) / 1_000_000);
      return new InputFile(file, folder);
    } catch (NoSuchFileException | AccessDeniedException e) {
      deleteQuietly(folder);
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, oneLine(e), e);
    } catch (IOException e) {
      deleteQuietly(folder);
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          "cannot download " + object.describe() + ": " + e.getMessage(),
          e);
    }
  }

  private static String oneLine(FileSystemException e) {
    return e.getFile() + ": " + e.getReason();
  }

  private static void deleteQuietly(Path folder) {
    try (var entries = Files.list(folder)) {
      for (Path entry : entries.toList()) {
        Files.deleteIfExists(entry);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      LOG.warn("cannot delete the scratch folder {}: {}", folder, e.toString());
    }
  }

  /**
   * Describes {@code input} for messages: the path, or {@code s3://bucket/key (host)} without the
   * URL's parameters; {@code "the job's input"} if it is neither.
   */
  public static String describe(String input) {
    try {
      return InputLocation.parse(input).describe();
    } catch (IllegalArgumentException e) {
      return "the job's input";
    }
  }

  /** A job's input as a local file: the local input itself, or a downloaded copy. */
  public static final class InputFile implements AutoCloseable {
    private final Path path;
    private final @Nullable Path folder;

    private InputFile(Path path, @Nullable Path folder) {
      this.path = path;
      this.folder = folder;
    }

    /** The file to open. */
    public Path path() {
      return path;
    }

    /** Deletes a downloaded copy and its folder; nothing for a local input. Never throws. */
    @Override
    public void close() {
      if (folder != null) {
        deleteQuietly(folder);
      }
    }
  }
}
