package dev.abr.core.schema;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON documents users write (ladders, jobs): checked against their schema first, then
 * mapped to records, with every failure a one-line {@link PipelineException} naming the document
 * and what is wrong, never a stack trace. Thread-safe.
 */
public final class Documents {
  /** The largest document read, in bytes: documents are small, anything bigger is a mistake. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  private Documents() {}

  /**
   * Returns the bytes of a document file.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the file is missing or cannot
   *     be read, {@link ErrorCode#INPUT_OVER_LIMITS} if it is larger than {@link
   *     #MAX_DOCUMENT_BYTES}
   */
  public static byte[] readFile(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE, file + ": is a folder, not a JSON document");
      }
      long sizeBytes = Files.size(file);
      if (sizeBytes > MAX_DOCUMENT_BYTES) {
        throw new PipelineException(
            ErrorCode.INPUT_OVER_LIMITS,
            file + ": " + sizeBytes + " bytes is too large for a document (at most 1 MiB)");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, file + ": no such file", e);
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, file + ": cannot be read (" + e + ")", e);
    }
  }

  /**
   * Parses {@code json}, checks it against {@code schemas/<schemaFile>} and maps it to {@code
   * type}.
   *
   * @param what names the document in messages, usually its file name
   * @throws PipelineException with {@link ErrorCode#INPUT_INVALID_DOCUMENT}: {@code "<what>: not
   *     JSON: …"} if it does not parse, {@code "<what> does not match <schema>: <errors>"} if the
   *     schema rejects it, or {@code "<what>: <reason> (at <JSON path>)"} if a record's own
   *     validation does
   */
  public static <T> T parse(byte[] json, String schemaFile, Class<T> type, String what) {
    JsonNode tree;
    try {
      tree = Json.tree(json);
    } catch (JacksonException e) {
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT, what + ": not JSON" + at(e) + ": " + syntaxError(e), e);
    }
    if (tree.isMissingNode()) {
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT, what + ": is empty (expected a JSON object)");
    }
    Schemas.check(schemaFile, tree, what);
    try {
      return Json.mapper().treeToValue(tree, type);
    } catch (JacksonException e) {
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT, what + ": " + reason(e) + where(e), e);
    }
  }

  /**
   * The message of the record validation that failed (the innermost non-Jackson cause), or
   * Jackson's own first line if none.
   */
  private static String reason(JacksonException e) {
    @Nullable String reason = e.getOriginalMessage();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (!(cause instanceof JacksonException) && cause.getMessage() != null) {
        reason = cause.getMessage();
      }
    }
    return firstLine(reason);
  }

  /** {@code " (at $.video.rungs[1])"}: the JSON path of the value that failed, if known. */
  private static String where(JacksonException e) {
    StringBuilder path = new StringBuilder("$");
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append('.').append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 1 ? "" : " (at " + path + ")";
  }

  private static String at(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Jackson's message without the "[Source: REDACTED …]" it puts in some of them. */
  private static String syntaxError(JacksonException e) {
    return firstLine(e.getOriginalMessage())
        .replaceAll(" ?\\(?start marker at \\[Source:[^\\]]*\\]\\)?", "");
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "(no detail)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
