package dev.abr.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.json.Json;
import dev.abr.core.ladder.H264Profile;
import dev.abr.core.ladder.VideoLadder;
import dev.abr.core.ladder.VideoRung;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.TrackKind;
import dev.abr.core.testing.JsonTrees;
import dev.abr.core.testing.ProjectFiles;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The schema files themselves: names, ids, history, offline references, and enums that match Java.
 */
class SchemasTest {
  static List<String> schemaFiles() {
    List<String> files = new ArrayList<>();
    for (Field field : Schemas.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getType() == String.class
          && field.getName().chars().allMatch(c -> Character.isUpperCase(c) || c == '_')) {
        try {
          String value = (String) field.get(null);
          if (value.endsWith(".schema.json")) {
            files.add(value);
          }
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return files;
  }

  private static JsonNode schema(String file) {
    return JsonTrees.parse(Schemas.text(file));
  }

  private static List<String> enumValues(String file, String pointer) {
    List<String> values = new ArrayList<>();
    schema(file).at(pointer).values().forEach(v -> values.add(v.asString()));
    return values;
  }

  @Test
  void schemaFolder_holdsExactlyTheFilesNamedInSchemas() throws IOException {
    List<String> onDisk;
    try (Stream<Path> files = Files.list(ProjectFiles.resolve("schemas"))) {
      onDisk =
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> name.endsWith(".schema.json"))
              .toList();
    }

    assertThat(onDisk).containsExactlyInAnyOrderElementsOf(schemaFiles());
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void schema_header_hasDialectIdTitleAndHistory(String file) {
    JsonNode schema = schema(file);

    assertThat(schema.path("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$id").asString()).isEqualTo(Schemas.ID_PREFIX + file);
    assertThat(schema.path("title").asString()).isNotBlank();
    assertThat(schema.path("description").asString()).contains("v1: initial");
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void schema_everyReference_resolvesOnTheClasspath(String file) {
    List<String> refs = new ArrayList<>();
    collectRefs(schema(file), refs);

    for (String ref : refs) {
      String target = ref.startsWith("#") ? Schemas.ID_PREFIX + file + ref : ref;
      assertThat(target).as("$ref in %s", file).startsWith(Schemas.ID_PREFIX);
      String[] parts = target.substring(Schemas.ID_PREFIX.length()).split("#", 2);
      JsonNode referenced = schema(parts[0]);
      if (parts.length == 2 && !parts[1].isEmpty()) {
        assertThat(referenced.at(parts[1]).isMissingNode()).as("%s in %s", ref, file).isFalse();
      }
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.get("$ref").asString());
    }
    node.values().forEach(child -> collectRefs(child, refs));
  }

  @Test
  void errorCodes_equalErrorCodeNames() {
    assertThat(enumValues(Schemas.COMMON, "/$defs/errorCode/enum"))
        .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
  }

  @Test
  void jobEventTypes_equalJobEventTypeJsonNames() {
    assertThat(enumValues(Schemas.JOB_EVENT, "/properties/type/enum"))
        .containsExactlyElementsOf(
            Arrays.stream(JobEventType.values()).map(SchemasTest::jsonName).toList());
  }

  @Test
  void packageEventTypes_equalPackageEventSubtypeNames() {
    List<String> names =
        Arrays.stream(PackageEvent.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name)
            .toList();

    assertThat(enumValues(Schemas.PACKAGE_EVENT, "/properties/type/enum"))
        .containsExactlyElementsOf(names);
    assertThat(PackageEvent.class.getPermittedSubclasses()).hasSameSizeAs(names);
  }

  @Test
  void trackKinds_equalTrackKindJsonNames() {
    assertThat(enumValues(Schemas.PACKAGE_EVENT, "/$defs/renditionInfo/properties/kind/enum"))
        .containsExactlyElementsOf(
            Arrays.stream(TrackKind.values()).map(SchemasTest::jsonName).toList());
  }

  @Test
  void profiles_equalH264ProfileNames() {
    assertThat(enumValues(Schemas.COMMON, "/$defs/h264Profile/enum"))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(H264Profile.values()).map(H264Profile::x264Name).toList());
  }

  @Test
  void presets_areEachAcceptedByVideoLadder() {
    VideoRung rung = new VideoRung("360p", 360, 700_000, 749_000, 1_050_000, "main");

    for (String preset : enumValues(Schemas.COMMON, "/$defs/x264Preset/enum")) {
      assertThat(new VideoLadder("h264", preset, List.of(rung)).preset()).isEqualTo(preset);
    }
  }

  private static String jsonName(Enum<?> value) {
    return Json.mapper().valueToTree(value).asString();
  }

  @Test
  void validate_unknownSchemaFile_isRejected() {
    assertThatThrownBy(() -> Schemas.validate("nope.v1.schema.json", JsonTrees.parse("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no schema named nope.v1.schema.json on the classpath");
  }

  @Test
  void check_invalidDocument_throwsInvalidDocumentListingErrors() {
    assertThatThrownBy(
            () ->
                Schemas.check(
                    Schemas.JOB_EVENT, JsonTrees.parse("{\"jobId\": \"j\"}"), "event on abr.x"))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "event on abr.x does not match job-event.v1.schema.json:"
                + " $: required property 'streamId' not found;"
                + " $: required property 'type' not found;"
                + " $: required property 'at' not found")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_INVALID_DOCUMENT);
  }

  @Test
  void validate_dateTimeFormat_isAsserted() {
    // Formats are only annotations in 2020-12 unless the validator is told to assert them.
    JsonNode time = JsonTrees.parse("\"2025-02-30T25:00:00Z\"");
    JsonNode event =
        JsonTrees.parse(
            "{\"jobId\": \"j\", \"streamId\": \"s\", \"type\": \"submitted\", \"at\": "
                + time
                + "}");

    assertThat(Schemas.validate(Schemas.JOB_EVENT, event))
        .containsExactly(
            "$.at: does not match the date-time pattern must be a valid RFC 3339 date-time");
  }
}
