package dev.abr.core.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of {@code schemas/} (JSON Schema 2020-12), loaded from the classpath, and
 * validation against them.
 *
 * <p>Every schema's {@code $id} is {@code https://abr.dev/schemas/<file>}; references between
 * schemas use those ids and are resolved from the classpath ({@code schemas/<file>}), never from
 * the network. Formats ({@code date-time}) are asserted, not just annotated, and messages are in
 * English whatever the default locale, so they can be tested and logged. Thread-safe.
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

  /** Value types (ids, media times, rationals, instants, error codes) the other schemas share. */
  public static final String COMMON = "common.v1.schema.json";

  /** The prefix of every schema's {@code $id}. */
  public static final String ID_PREFIX = "https://abr.dev/schemas/";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder()
                          .formatAssertionsEnabled(true)
                          .locale(Locale.ENGLISH)
                          .pathType(PathType.JSON_PATH)
                          .build())
                  .schemaIdResolvers(
                      resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/")));
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  /**
   * Returns the raw text of {@code schemas/<file>}.
   *
   * @throws IllegalArgumentException if there is no such schema on the classpath
   */
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
   * Returns the validation errors of {@code document} against {@code schemas/<file>}, empty if it
   * is valid. Each error reads {@code "<JSON path>: <what is wrong>"}, for example {@code
   * "$.video.rungs[0].height: must have a minimum value of 16"}.
   *
   * @throws IllegalArgumentException if there is no such schema on the classpath
   */
  public static List<String> validate(String file, JsonNode document) {
    return schema(file).validate(document).stream().map(Schemas::describe).toList();
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

  private static Schema schema(String file) {
    return CACHE.computeIfAbsent(
        file,
        f -> {
          text(f); // fails with a clear message when the file is missing
          return REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + f));
        });
  }

  private static String describe(Error error) {
    return error.getInstanceLocation() + ": " + error.getMessage();
  }
}
