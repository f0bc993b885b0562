package dev.abr.core.message;

import static dev.abr.core.testing.JsonTrees.with;
import static dev.abr.core.testing.JsonTrees.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.json.Json;
import dev.abr.core.schema.Schemas;
import dev.abr.core.testing.JsonTrees;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Each message schema rejects broken messages: a valid example with one thing broken fails with the
 * expected error, at the expected place.
 */
class MessageSchemaTest {
  private static final Object REMOVE = new Object();

  static Stream<Arguments> brokenMessages() {
    return Stream.of(
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/jobId",
            "job 1",
            "$.jobId: does not match the regex pattern ^[A-Za-z0-9_-]{1,64}$"),
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/submittedAt",
            REMOVE,
            "$: required property 'submittedAt' not found"),
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/submittedAt",
            "yesterday",
            "$.submittedAt: does not match the date-time pattern"),
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/submittedAt",
            "2025-03-01T13:00:00+01:00",
            "$.submittedAt: does not match the regex pattern"),
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/segmentDuration",
            "4 s",
            "$.segmentDuration: does not match the regex pattern"),
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/outputPrefix",
            "../elsewhere",
            "$.outputPrefix: does not match the regex pattern"),
        // The embedded ladder is checked by ladder.v1.schema.json, through its $id.
        broken(
            Schemas.JOB_SUBMITTED,
            ExampleMessages::jobSubmitted,
            "/ladder/video/rungs/2/height",
            481,
            "$.ladder.video.rungs[2].height: must be multiple of 2"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/streamId",
            "../x",
            "$.streamId: does not match the regex pattern"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/decodeStart",
            "12.012",
            "$.decodeStart: does not match the regex pattern ^-?[0-9]+/[1-9][0-9]*$"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/outputEnd",
            "1441440/0",
            "$.outputEnd: does not match the regex pattern"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/sequence",
            -1,
            "$.sequence: must have a minimum value of 0"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/sourceKey",
            "/etc/passwd",
            "$.sourceKey: does not match the regex pattern"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/video",
            REMOVE,
            "$: required property 'video' not found"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/video/renditions/1/width",
            1279,
            "$.video.renditions[1].width: must be multiple of 2"),
        broken(
            Schemas.TRANSCODE_REQUESTED,
            ExampleMessages::transcodeRequested,
            "/video/rotationDegrees",
            45,
            "$.video.rotationDegrees: does not have a value in the enumeration"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::fragmentReady,
            "/type",
            "fragment.lost",
            "$.type: does not have a value in the enumeration"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::fragmentReady,
            "/type",
            REMOVE,
            "$: required property 'type' not found"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::fragmentReady,
            "/start",
            "12.012s",
            "$.start: does not match the regex pattern"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::fragmentReady,
            "/rendition",
            "*",
            "$.rendition: does not match the regex pattern"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::fragmentReady,
            "/codecs",
            "H.264",
            "$.codecs: does not match the regex pattern"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::streamStarted,
            "/renditions",
            REMOVE,
            "$: required property 'renditions' not found"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::streamStarted,
            "/renditions/0/frameRate",
            REMOVE,
            "$.renditions[0]: required property 'frameRate' not found"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::streamStarted,
            "/renditions/4/sampleRate",
            0,
            "$.renditions[4].sampleRate: must have a minimum value of 1"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::streamStarted,
            "/mode",
            "vod-live",
            "$.mode: does not have a value in the enumeration"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::fragmentFailed,
            "/code",
            "OOPS",
            "$.code: does not have a value in the enumeration"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::streamEnded,
            "/segmentCount",
            REMOVE,
            "$: required property 'segmentCount' not found"),
        broken(
            Schemas.PACKAGE_EVENT,
            ExampleMessages::streamFailed,
            "/message",
            "",
            "$.message: must be at least 1 characters long"),
        broken(
            Schemas.JOB_EVENT,
            ExampleMessages::failedEvent,
            "/error",
            REMOVE,
            "$: required property 'error' not found"),
        broken(
            Schemas.JOB_EVENT,
            ExampleMessages::completedEvent,
            "/outputs",
            REMOVE,
            "$: required property 'outputs' not found"),
        broken(
            Schemas.JOB_EVENT,
            ExampleMessages::fragmentTranscodedEvent,
            "/rendition",
            "720 p",
            "$.rendition: does not match the regex pattern"),
        broken(
            Schemas.JOB_EVENT,
            ExampleMessages::jobSubmittedEvent,
            "/type",
            "SUBMITTED",
            "$.type: does not have a value in the enumeration"),
        broken(
            Schemas.JOB_EVENT,
            ExampleMessages::jobSubmittedEvent,
            "/jobId",
            REMOVE,
            "$: required property 'jobId' not found"),
        // The embedded request is checked by transcode-requested.v1.schema.json, through its $id.
        broken(
            Schemas.TRANSCODE_DEAD_LETTERED,
            ExampleMessages::transcodeDeadLettered,
            "/request/jobId",
            "job/1",
            "$.request.jobId: does not match the regex pattern"),
        broken(
            Schemas.TRANSCODE_DEAD_LETTERED,
            ExampleMessages::transcodeDeadLettered,
            "/request/decodeStart",
            "1081080",
            "$.request.decodeStart: does not match the regex pattern"),
        broken(
            Schemas.TRANSCODE_DEAD_LETTERED,
            ExampleMessages::transcodeDeadLettered,
            "/attempts",
            0,
            "$.attempts: must have a minimum value of 1"),
        broken(
            Schemas.TRANSCODE_DEAD_LETTERED,
            ExampleMessages::transcodeDeadLettered,
            "/request",
            REMOVE,
            "$: required property 'request' not found"));
  }

  private static Arguments broken(
      String schema, Supplier<Object> example, String pointer, Object value, String error) {
    String change = pointer + (value == REMOVE ? " removed" : " = " + value);
    return Arguments.of(schema + ": " + change, schema, example, pointer, value, error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenMessages")
  void validate_brokenMessage_reportsTheError(
      String description,
      String schema,
      Supplier<Object> example,
      String pointer,
      @Nullable Object value,
      String error) {
    JsonNode valid = JsonTrees.of(example.get());
    JsonNode broken = value == REMOVE ? without(valid, pointer) : with(valid, pointer, value);

    assertThat(Schemas.validate(schema, valid)).as("the example before breaking it").isEmpty();
    assertThat(Schemas.validate(schema, broken)).anySatisfy(e -> assertThat(e).startsWith(error));
  }

  @Test
  void validate_unknownPackageEventType_reportsOnlyTheType() {
    JsonNode event = with(JsonTrees.of(ExampleMessages.streamEnded()), "/type", "stream.paused");

    assertThat(Schemas.validate(Schemas.PACKAGE_EVENT, event))
        .containsExactly(
            "$.type: does not have a value in the enumeration [\"stream.started\","
                + " \"fragment.ready\", \"fragment.failed\", \"stream.ended\", \"stream.failed\"]");
  }

  @Test
  void validate_packageEventWithFieldsOfAnotherKind_isRejected() {
    // A stream.ended event carrying fragment.ready's fields instead of its own.
    JsonNode event = with(JsonTrees.of(ExampleMessages.fragmentReady()), "/type", "stream.ended");

    assertThat(Schemas.validate(Schemas.PACKAGE_EVENT, event))
        .contains("$: required property 'segmentCount' not found");
  }

  @Test
  void validate_unknownFields_areAllowed() {
    JsonNode message =
        with(JsonTrees.of(ExampleMessages.transcodeRequested()), "/priority", "high");

    assertThat(Schemas.validate(Schemas.TRANSCODE_REQUESTED, message)).isEmpty();
  }

  @Test
  void read_unknownFields_areIgnored() {
    JsonNode message =
        with(JsonTrees.of(ExampleMessages.fragmentReady()), "/encoderVersion", "x264 r3191");

    assertThat(Json.read(message, PackageEvent.class, "event"))
        .isEqualTo(ExampleMessages.fragmentReady());
  }
}
