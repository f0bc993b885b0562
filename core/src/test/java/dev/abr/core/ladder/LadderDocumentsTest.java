package dev.abr.core.ladder;

import static dev.abr.core.testing.JsonTrees.bytes;
import static dev.abr.core.testing.JsonTrees.with;
import static dev.abr.core.testing.JsonTrees.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.testing.JsonTrees;
import dev.abr.core.time.Rational;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Ladder documents in Trino's three config shapes: defaults, full explicit mapping, and every
 * validation failure (schema rules here; record rules in {@link LadderRecordsTest}).
 */
class LadderDocumentsTest {
  private static final String FULL =
      """
      {
        "name": "test",
        "gopDuration": "2.002",
        "maxFrameRate": "30000/1001",
        "video": {
          "codec": "h264",
          "preset": "medium",
          "rungs": [
            {
              "name": "720p",
              "height": 720,
              "bitrateBitsPerSecond": 3000000,
              "maxrateBitsPerSecond": 3210000,
              "bufferSizeBits": 4500000,
              "profile": "high"
            },
            {
              "name": "360p",
              "height": 360,
              "bitrateBitsPerSecond": 700000,
              "maxrateBitsPerSecond": 749000,
              "bufferSizeBits": 1050000,
              "profile": "baseline"
            }
          ]
        },
        "audio": {
          "codec": "aac",
          "bitrateBitsPerSecond": 96000,
          "channels": 1,
          "sampleRate": 44100
        }
      }
      """;

  private static final JsonNode FULL_TREE = JsonTrees.parse(FULL);

  @Test
  void parse_withoutAudio_hasNoAudio() {
    Ladder ladder = LadderDocuments.parse(bytes(without(FULL_TREE, "/audio")), "x.json");

    assertThat(ladder.audio()).isEmpty();
  }

  @Test
  void parse_everyFieldGiven_mapsEachToItsComponent() {
    Ladder expected =
        new Ladder(
            "test",
            Rational.of(1001, 500),
            Rational.of(30000, 1001),
            new VideoLadder(
                "h264",
                "medium",
                List.of(
                    new VideoRung("720p", 720, 3_000_000, 3_210_000, 4_500_000, "high"),
                    new VideoRung("360p", 360, 700_000, 749_000, 1_050_000, "baseline"))),
            Optional.of(new AudioSettings("aac", 96_000, 1, 44_100)));

    assertThat(LadderDocuments.parse(FULL.getBytes(StandardCharsets.UTF_8), "x.json"))
        .isEqualTo(expected);
  }

  @Test
  void parse_unknownFields_areIgnored() {
    JsonNode tree = with(with(FULL_TREE, "/comment", "new in v1.1"), "/video/rungs/0/crf", 23);

    assertThat(LadderDocuments.parse(bytes(tree), "x.json"))
        .isEqualTo(LadderDocuments.parse(bytes(FULL_TREE), "x.json"));
  }

  static Stream<Arguments> schemaViolations() {
    return Stream.of(
        // pointer, value (absent = remove the field), expected error
        violation("/name", null, "$: required property 'name' not found"),
        violation("/name", "my ladder", "$.name: does not match the regex pattern"),
        violation("/gopDuration", null, "$: required property 'gopDuration' not found"),
        violation("/gopDuration", "2s", "$.gopDuration: does not match the regex pattern"),
        violation("/gopDuration", 2, "$.gopDuration: integer found, string expected"),
        violation("/maxFrameRate", null, "$: required property 'maxFrameRate' not found"),
        violation("/maxFrameRate", "-30", "$.maxFrameRate: does not match the regex pattern"),
        violation("/video", null, "$: required property 'video' not found"),
        violation("/video/codec", null, "$.video: required property 'codec' not found"),
        violation("/video/codec", "h265", "$.video.codec: must be the constant value 'h264'"),
        violation("/video/preset", null, "$.video: required property 'preset' not found"),
        violation(
            "/video/preset", "quick", "$.video.preset: does not have a value in the enumeration"),
        violation("/video/rungs", null, "$.video: required property 'rungs' not found"),
        violation(
            "/video/rungs", List.of(), "$.video.rungs: must have at least 1 items but found 0"),
        violation(
            "/video/rungs/0/name", null, "$.video.rungs[0]: required property 'name' not found"),
        violation(
            "/video/rungs/0/name", "7 20p", "$.video.rungs[0].name: does not match the regex"),
        violation(
            "/video/rungs/0/name",
            "audio",
            "$.video.rungs[0].name: must not be valid to the schema"),
        violation(
            "/video/rungs/0/height",
            null,
            "$.video.rungs[0]: required property 'height' not found"),
        violation(
            "/video/rungs/0/height", 8, "$.video.rungs[0].height: must have a minimum value of 16"),
        violation(
            "/video/rungs/0/height",
            8640,
            "$.video.rungs[0].height: must have a maximum value of 4320"),
        violation("/video/rungs/0/height", 721, "$.video.rungs[0].height: must be multiple of 2"),
        violation(
            "/video/rungs/0/height",
            "720",
            "$.video.rungs[0].height: string found, integer expected"),
        violation(
            "/video/rungs/0/bitrateBitsPerSecond",
            null,
            "$.video.rungs[0]: required property 'bitrateBitsPerSecond' not found"),
        violation(
            "/video/rungs/0/bitrateBitsPerSecond",
            8000,
            "$.video.rungs[0].bitrateBitsPerSecond: must have a minimum value of 16000"),
        violation(
            "/video/rungs/0/maxrateBitsPerSecond",
            null,
            "$.video.rungs[0]: required property 'maxrateBitsPerSecond' not found"),
        violation(
            "/video/rungs/0/maxrateBitsPerSecond",
            8000,
            "$.video.rungs[0].maxrateBitsPerSecond: must have a minimum value of 16000"),
        violation(
            "/video/rungs/0/bufferSizeBits",
            null,
            "$.video.rungs[0]: required property 'bufferSizeBits' not found"),
        violation(
            "/video/rungs/0/bufferSizeBits",
            0,
            "$.video.rungs[0].bufferSizeBits: must have a minimum value of 1"),
        violation(
            "/video/rungs/0/profile",
            null,
            "$.video.rungs[0]: required property 'profile' not found"),
        violation(
            "/video/rungs/0/profile",
            "High",
            "$.video.rungs[0].profile: does not have a value in the enumeration"),
        violation("/audio/codec", null, "$.audio: required property 'codec' not found"),
        violation("/audio/codec", "opus", "$.audio.codec: must be the constant value 'aac'"),
        violation(
            "/audio/bitrateBitsPerSecond",
            null,
            "$.audio: required property 'bitrateBitsPerSecond' not found"),
        violation(
            "/audio/bitrateBitsPerSecond",
            8000,
            "$.audio.bitrateBitsPerSecond: must have a minimum value of 16000"),
        violation(
            "/audio/bitrateBitsPerSecond",
            640000,
            "$.audio.bitrateBitsPerSecond: must have a maximum value of 512000"),
        violation("/audio/channels", null, "$.audio: required property 'channels' not found"),
        violation(
            "/audio/channels", 6, "$.audio.channels: does not have a value in the enumeration"),
        violation("/audio/sampleRate", null, "$.audio: required property 'sampleRate' not found"),
        violation(
            "/audio/sampleRate",
            32000,
            "$.audio.sampleRate: does not have a value in the enumeration"));
  }

  private static Arguments violation(String pointer, @Nullable Object value, String error) {
    return Arguments.of(
        pointer + (value == null ? " missing" : " = " + value), pointer, value, error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaViolations")
  void parse_schemaViolation_isRejectedNamingDocumentFieldAndRule(
      String description, String pointer, @Nullable Object value, String error) {
    JsonNode tree = value == null ? without(FULL_TREE, pointer) : with(FULL_TREE, pointer, value);

    assertThatThrownBy(() -> LadderDocuments.parse(bytes(tree), "ladders/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("ladders/x.json does not match ladder.v1.schema.json: ")
        .hasMessageContaining(error)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_INVALID_DOCUMENT);
  }

  @Test
  void parse_severalViolations_listsEveryOne() {
    JsonNode tree = with(with(FULL_TREE, "/video/preset", "quick"), "/video/rungs/1/height", 361);

    assertThatThrownBy(() -> LadderDocuments.parse(bytes(tree), "x.json"))
        .hasMessageContaining("$.video.preset: does not have a value in the enumeration")
        .hasMessageContaining("; $.video.rungs[1].height: must be multiple of 2");
  }

  @Test
  void parse_duplicateRungNames_failsWithFileReasonAndPlace() {
    JsonNode tree = with(FULL_TREE, "/video/rungs/1/name", "720p");

    assertThatThrownBy(() -> LadderDocuments.parse(bytes(tree), "ladders/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("ladders/x.json: rung name \"720p\" is used twice or reserved (at $.video)");
  }

  @Test
  void parse_maxrateBelowBitrate_failsWithFileReasonAndPlace() {
    JsonNode tree = with(FULL_TREE, "/video/rungs/1/maxrateBitsPerSecond", 500_000);

    assertThatThrownBy(() -> LadderDocuments.parse(bytes(tree), "ladders/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "ladders/x.json: rung 360p: maxrate 500000 is below its bitrate 700000"
                + " (at $.video.rungs[1])");
  }

  @Test
  void parse_gopDurationAbove20Seconds_failsWithFileAndReason() {
    JsonNode tree = with(FULL_TREE, "/gopDuration", "25");

    assertThatThrownBy(() -> LadderDocuments.parse(bytes(tree), "ladders/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("ladders/x.json: gopDuration 25 s must be from 0.5 to 20");
  }

  @Test
  void parse_zeroFrameRate_failsNamingTheField() {
    JsonNode tree = with(FULL_TREE, "/maxFrameRate", "0");

    assertThatThrownBy(() -> LadderDocuments.parse(bytes(tree), "ladders/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("ladders/x.json: a rational must be positive: 0/1 (at $.maxFrameRate)");
  }

  @Test
  void parse_notJson_failsWithLineAndColumn() {
    byte[] json = "{\n  \"name\": \"x\",\n  \"video\": \n}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> LadderDocuments.parse(json, "ladders/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith(
            "ladders/x.json: not JSON at line 4, column 1: Unexpected character")
        .hasMessageNotContaining("REDACTED");
  }

  @Test
  void parse_truncatedJson_failsWithoutJacksonNoise() {
    byte[] json = "{\"name\": \"x\"".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> LadderDocuments.parse(json, "x.json"))
        .hasMessage(
            "x.json: not JSON at line 1, column 13: Unexpected end-of-input: expected close"
                + " marker for Object");
  }

  @Test
  void parse_emptyDocument_saysItIsEmpty() {
    assertThatThrownBy(() -> LadderDocuments.parse(new byte[0], "x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("x.json: is empty (expected a JSON object)");
  }

  @Test
  void parse_array_isRejectedBySchema() {
    assertThatThrownBy(() -> LadderDocuments.parse("[]".getBytes(StandardCharsets.UTF_8), "x.json"))
        .hasMessage("x.json does not match ladder.v1.schema.json: $: array found, object expected");
  }

  @Test
  void load_file_parsesIt(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("mine.json");
    Files.writeString(file, FULL);

    assertThat(LadderDocuments.load(file).name()).isEqualTo("test");
  }

  @Test
  void load_invalidFile_namesTheFile(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("mine.json");
    Files.write(file, bytes(with(FULL_TREE, "/video/rungs/0/height", 721)));

    assertThatThrownBy(() -> LadderDocuments.load(file))
        .hasMessageStartingWith(file + " does not match ladder.v1.schema.json: ");
  }

  @Test
  void load_missingFile_isUnreadable(@TempDir Path folder) {
    Path file = folder.resolve("missing.json");

    assertThatThrownBy(() -> LadderDocuments.load(file))
        .isInstanceOf(PipelineException.class)
        .hasMessage(file + ": no such file")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void load_folder_isUnreadable(@TempDir Path folder) {
    assertThatThrownBy(() -> LadderDocuments.load(folder))
        .isInstanceOf(PipelineException.class)
        .hasMessage(folder + ": is a folder, not a JSON document");
  }

  @Test
  void load_fileOverOneMebibyte_isOverLimits(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("huge.json");
    Files.write(file, new byte[(1 << 20) + 1]);

    assertThatThrownBy(() -> LadderDocuments.load(file))
        .isInstanceOf(PipelineException.class)
        .hasMessage(file + ": 1048577 bytes is too large for a document (at most 1 MiB)")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_OVER_LIMITS);
  }
}
