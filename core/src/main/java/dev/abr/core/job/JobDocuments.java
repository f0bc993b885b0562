package dev.abr.core.job;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.schema.Documents;
import dev.abr.core.schema.Schemas;
import java.nio.file.Path;

/**
 * Job documents ({@code schemas/job.v1.schema.json}): checked against the schema, then mapped to a
 * {@link JobDocument}, whose constructor checks the rest. All failures are one-line {@link
 * PipelineException}s naming the document. Thread-safe.
 */
public final class JobDocuments {
  private JobDocuments() {}

  /**
   * Reads the job file {@code file}.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the file cannot be read, and as
   *     {@link #parse} otherwise, naming the file
   */
  public static JobDocument load(Path file) {
    return parse(Documents.readFile(file), file.toString());
  }

  /**
   * Parses a job document.
   *
   * @param what names the document in messages, usually its file name
   * @throws PipelineException with {@link ErrorCode#INPUT_INVALID_DOCUMENT} if it is not JSON, does
   *     not match the schema (all errors listed) or breaks a rule of the records ({@code "<what>:
   *     <reason>"})
   */
  public static JobDocument parse(byte[] json, String what) {
    return Documents.parse(json, Schemas.JOB, JobDocument.class, what);
  }

  /**
   * Returns the ladder a job asks for: the built-in one, the file read (a relative path resolved
   * against {@code baseFolder}) or the inline one.
   *
   * @throws PipelineException as {@link LadderDocuments#builtIn} and {@link LadderDocuments#load}
   */
  public static Ladder resolveLadder(LadderChoice choice, Path baseFolder) {
    return switch (choice) {
      case LadderChoice.BuiltIn builtIn -> LadderDocuments.builtIn(builtIn.name());
      case LadderChoice.InFile inFile -> LadderDocuments.load(baseFolder.resolve(inFile.path()));
      case LadderChoice.Inline inline -> inline.ladder();
    };
  }
}
