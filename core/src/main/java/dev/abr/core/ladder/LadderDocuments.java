package dev.abr.core.ladder;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.schema.Documents;
import dev.abr.core.schema.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Ladder documents ({@code schemas/ladder.v1.schema.json}): the built-in ladders and ladder files.
 * Every document is checked against the schema, then mapped to a {@link Ladder}, whose constructors
 * check the rest. All failures are one-line {@link PipelineException}s naming the document.
 * Thread-safe; nothing is cached.
 */
public final class LadderDocuments {
  /**
   * The production ladder: 1080p 5 Mbit/s, 720p 3 Mbit/s (High), 480p 1.2 Mbit/s, 360p 0.7 Mbit/s
   * (Main), x264 veryfast, AAC-LC stereo 48 kHz 128 kbit/s.
   */
  public static final String DEFAULT = "default";

  /** A fast ladder for tests and live demos: 360p 0.7 Mbit/s and 240p 0.3 Mbit/s, superfast. */
  public static final String SMALL = "small";

  private static final List<String> BUILT_IN = List.of(DEFAULT, SMALL);

  private LadderDocuments() {}

  /** The names of the built-in ladders. */
  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  /**
   * Returns the built-in ladder {@code name} (classpath {@code /dev/abr/core/ladder/<name>.json},
   * identical to {@code samples/ladders/<name>.json}).
   *
   * @throws PipelineException with {@link ErrorCode#INPUT_INVALID_DOCUMENT} if there is no such
   *     built-in ladder
   */
  public static Ladder builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT,
          "no built-in ladder is named \""
              + name.replaceAll("\\p{Cntrl}", "?")
              + "\" (built-in ladders: "
              + String.join(", ", BUILT_IN)
              + "; a ladder file name ends in .json)");
    }
    String resource = name + ".json";
    try (InputStream in = LadderDocuments.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in ladder " + resource + " missing from the jar");
      }
      return parse(in.readAllBytes(), "built-in ladder " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the ladder file {@code file}.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the file cannot be read, and as
   *     {@link #parse} otherwise, naming the file
   */
  public static Ladder load(Path file) {
    return parse(Documents.readFile(file), file.toString());
  }

  /**
   * Parses a ladder document.
   *
   * @param what names the document in messages, usually its file name
   * @throws PipelineException with {@link ErrorCode#INPUT_INVALID_DOCUMENT} if it is not JSON, does
   *     not match the schema (all errors listed) or breaks a rule of the records ({@code "<what>:
   *     <reason>"})
   */
  public static Ladder parse(byte[] json, String what) {
    return Documents.parse(json, Schemas.LADDER, Ladder.class, what);
  }
}
