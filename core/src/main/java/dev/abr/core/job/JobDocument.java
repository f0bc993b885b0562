package dev.abr.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.abr.core.id.Ids;
import dev.abr.core.time.Rational;
import java.util.Optional;

/**
 * A video-on-demand job as a user writes it ({@code schemas/job.v1.schema.json}): which file to
 * package, with which ladder, into which folder. Read it with {@link JobDocuments}.
 *
 * <p>Paths are kept as written; a relative path is resolved by the program that reads the document,
 * normally against its working directory.
 *
 * @param input path of the local media file to package
 * @param ladder the ladder: built-in, file or inline
 * @param segmentDuration target segment duration in seconds, from 1 to 30; {@value
 *     #DEFAULT_SEGMENT_DURATION_TEXT} when the document leaves it out
 * @param output folder the package is written to; empty to let the program choose
 * @param jobId job id; empty for a random one
 * @param streamId stream id, the public name of the output; empty to derive it from {@code input}
 */
public record JobDocument(
    String input,
    LadderChoice ladder,
    Rational segmentDuration,
    Optional<String> output,
    Optional<String> jobId,
    Optional<String> streamId) {
  /** The segment duration of a document that does not give one, in seconds, as text. */
  public static final String DEFAULT_SEGMENT_DURATION_TEXT = "4";

  /** The segment duration of a document that does not give one, in seconds. */
  public static final Rational DEFAULT_SEGMENT_DURATION =
      Rational.parse(DEFAULT_SEGMENT_DURATION_TEXT);

  /** The shortest segment duration a job may ask for, in seconds. */
  public static final Rational MIN_SEGMENT_DURATION = Rational.of(1);

  /** The longest segment duration a job may ask for, in seconds. */
  public static final Rational MAX_SEGMENT_DURATION = Rational.of(30);

  public JobDocument {
    checkPath("input", input);
    if (segmentDuration.compareTo(MIN_SEGMENT_DURATION) < 0
        || segmentDuration.compareTo(MAX_SEGMENT_DURATION) > 0) {
      throw new IllegalArgumentException(
          "segmentDuration " + segmentDuration + " s must be from 1 to 30");
    }
    output.ifPresent(folder -> checkPath("output", folder));
    jobId.ifPresent(id -> Ids.check("job id", id));
    streamId.ifPresent(id -> Ids.check("stream id", id));
  }

  /** A job with every optional field at its default. */
  public static JobDocument of(String input, LadderChoice ladder) {
    return new JobDocument(
        input,
        ladder,
        DEFAULT_SEGMENT_DURATION,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The JSON creator: fills in the defaults of fields the document leaves out. */
  @JsonCreator
  static JobDocument fromJson(
      @JsonProperty("input") String input,
      @JsonProperty("ladder") LadderChoice ladder,
      @JsonProperty("segmentDuration") Optional<Rational> segmentDuration,
      @JsonProperty("output") Optional<String> output,
      @JsonProperty("jobId") Optional<String> jobId,
      @JsonProperty("streamId") Optional<String> streamId) {
    return new JobDocument(
        input, ladder, segmentDuration.orElse(DEFAULT_SEGMENT_DURATION), output, jobId, streamId);
  }

  private static void checkPath(String what, String path) {
    if (path.isBlank()) {
      throw new IllegalArgumentException(what + " path must not be empty");
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          what
              + " path \""
              + path.replaceAll("\\p{Cntrl}", "?")
              + "\" must not contain control characters");
    }
  }
}
