package dev.abr.core.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of {@code schemas/} (JSON Schema 2020-12), loaded from the classpath, and
 * validation against them.
 */
public final class Schemas {
  /** The ladder document. */
  public static final String LADDER = "ladder.v1.schema.json";

  /** The VOD job document. */
  public static final String JOB = "job.v1.schema.json";

  /** {@code abr.job.submitted.v1}. */
  public static final String JOB_SUBMITTED = "job-submitted.v1.schema.json";

  /** {@code abr.transcode.requested.v1}. */
  public static final String TRANSCODE_REQUESTED = "transcode-requested.v1.schema.json";

  /** {@code abr.package.requested.v1}. */
  public static final String PACKAGE_EVENT = "package-event.v1.schema.json";

  /** {@code abr.job.event.v1}. */
  public static final String JOB_EVENT = "job-event.v1.schema.json";

  /** {@code abr.transcode.deadletter.v1}. */
  public static final String TRANSCODE_DEAD_LETTERED = "transcode-deadlettered.v1.schema.json";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaIdResolvers(
                  resolvers ->
                      resolvers.mapPrefix("https://abr.dev/schemas/", "classpath:schemas/")));
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  /** Returns the raw text of {@code schemas/<file>}. */
  public static String text(String file) {
    try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no schema named " + file + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the validation errors of {@code document} against {@code schemas/<file>} (empty if
   * valid).
   */
  public static List<String> validate(String file, JsonNode document) {
    Schema schema = CACHE.computeIfAbsent(file, f -> REGISTRY.getSchema(text(f)));
    return schema.validate(document).stream().map(Error::toString).toList();
  }

  /**
   * Throws unless {@code document} is valid against {@code schemas/<file>}.
   *
   * @param what names the document in the message, for example {@code "ladder samples/x.json"}
   * @throws PipelineException with {@link ErrorCode#INPUT_INVALID_DOCUMENT} listing the errors
   */
  public static void check(String file, JsonNode document, String what) {
    List<String> errors = validate(file, document);
    if (!errors.isEmpty()) {
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT,
          what + " does not match " + file + ": " + String.join("; ", errors));
    }
  }
}
