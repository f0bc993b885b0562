package dev.abr.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of the project (Jackson 3): records by component order, {@code
 * Optional.empty()} left out, instants as ISO-8601 text, unknown properties ignored (readers are
 * forward compatible within a major version). A missing or {@code null} field that is not an {@code
 * Optional} fails the read; a missing primitive field still reads as 0, which is why user documents
 * are checked against their schema first ({@link dev.abr.core.schema.Documents}).
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // Records are @NullMarked: a missing or null field that is not an Optional is an error
          // here, not a NullPointerException (or a silent null) deep inside a constructor.
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_ABSENT))
          .build();

  private Json() {}

  /** The shared, immutable mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Serializes {@code value} to UTF-8 JSON. */
  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Serializes {@code value} to pretty-printed JSON text with {@code \n} line ends. */
  public static String writePretty(Object value) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value).replace("\r\n", "\n");
  }

  /** Parses JSON bytes into a tree. */
  public static JsonNode tree(byte[] json) {
    return MAPPER.readTree(json);
  }

  /**
   * Reads {@code json} as {@code type}.
   *
   * @param what names the document in the error, for example {@code "ladder samples/x.json"}
   * @throws PipelineException with {@link ErrorCode#INPUT_INVALID_DOCUMENT} if it does not map
   */
  public static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT,
          what + " is not a valid " + type.getSimpleName() + ": " + firstLine(cause.getMessage()),
          e);
    }
  }

  /**
   * Reads an already parsed tree as {@code type}; errors as in {@link #read(byte[], Class,
   * String)}.
   */
  public static <T> T read(JsonNode json, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(json, type);
    } catch (JacksonException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new PipelineException(
          ErrorCode.INPUT_INVALID_DOCUMENT,
          what + " is not a valid " + type.getSimpleName() + ": " + firstLine(cause.getMessage()),
          e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no detail)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
