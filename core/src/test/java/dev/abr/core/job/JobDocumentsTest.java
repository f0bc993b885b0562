package dev.abr.core.job;

import static dev.abr.core.testing.JsonTrees.bytes;
import static dev.abr.core.testing.JsonTrees.with;
import static dev.abr.core.testing.JsonTrees.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.json.Json;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.testing.JsonTrees;
import dev.abr.core.testing.ProjectFiles;
import dev.abr.core.time.Rational;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Job documents in Trino's three config shapes: defaults, full explicit mapping, and every
 * validation failure (schema rules here; record rules in {@link JobDocumentTest}).
 */
class JobDocumentsTest {
  private static final JsonNode MINIMAL =
      JsonTrees.parse("{\"input\": \"media/talk.mp4\", \"ladder\": \"default\"}");

  private static final JsonNode FULL =
      JsonTrees.parse(
          """
          {
            "input": "/data/in/talk.mov",
            "ladder": "ladders/mine.json",
            "segmentDuration": "2.002",
            "output": "/data/out/talk",
            "jobId": "job-42",
            "streamId": "talk"
          }
          """);

  @Test
  void parse_onlyRequiredFields_usesDefaults() {
    JobDocument job = JobDocuments.parse(bytes(MINIMAL), "job.json");

    assertThat(job.segmentDuration()).isEqualTo(Rational.of(4));
    assertThat(job.output()).isEmpty();
    assertThat(job.jobId()).isEmpty();
    assertThat(job.streamId()).isEmpty();
  }

  @Test
  void parse_onlyRequiredFields_equalsOfWithDefaults() {
    assertThat(JobDocuments.parse(bytes(MINIMAL), "job.json"))
        .isEqualTo(JobDocument.of("media/talk.mp4", new LadderChoice.BuiltIn("default")));
  }

  @Test
  void parse_everyFieldGiven_mapsEachToItsComponent() {
    JobDocument expected =
        new JobDocument(
            "/data/in/talk.mov",
            new LadderChoice.InFile("ladders/mine.json"),
            Rational.of(1001, 500),
            Optional.of("/data/out/talk"),
            Optional.of("job-42"),
            Optional.of("talk"));

    assertThat(JobDocuments.parse(bytes(FULL), "job.json")).isEqualTo(expected);
  }

  @Test
  void parse_ladderName_isBuiltIn() {
    assertThat(JobDocuments.parse(bytes(with(MINIMAL, "/ladder", "small")), "job.json").ladder())
        .isEqualTo(new LadderChoice.BuiltIn("small"));
  }

  @Test
  void parse_ladderEndingInJson_isFile() {
    assertThat(
            JobDocuments.parse(bytes(with(MINIMAL, "/ladder", "../x y.json")), "job.json").ladder())
        .isEqualTo(new LadderChoice.InFile("../x y.json"));
  }

  @Test
  void parse_ladderObject_isInline() {
    JsonNode tree = with(MINIMAL, "/ladder", JsonTrees.of(LadderDocuments.builtIn("small")));

    assertThat(JobDocuments.parse(bytes(tree), "job.json").ladder())
        .isEqualTo(new LadderChoice.Inline(LadderDocuments.builtIn("small")));
  }

  @Test
  void write_thenParse_givesEqualDocument() {
    JobDocument job =
        new JobDocument(
            "in.mp4",
            new LadderChoice.Inline(LadderDocuments.builtIn("small")),
            Rational.of(6),
            Optional.of("out"),
            Optional.of("j1"),
            Optional.empty());

    assertThat(JobDocuments.parse(Json.write(job), "job.json")).isEqualTo(job);
  }

  @Test
  void parse_unknownFields_areIgnored() {
    assertThat(JobDocuments.parse(bytes(with(FULL, "/priority", "high")), "job.json"))
        .isEqualTo(JobDocuments.parse(bytes(FULL), "job.json"));
  }

  @Test
  void load_sampleVodJob_refersToSampleMediaAndDefaultLadder() {
    JobDocument job = JobDocuments.load(ProjectFiles.resolve("samples/jobs/sample-vod.json"));

    assertThat(job.input()).isEqualTo("samples/sample-1080p30.mp4");
    assertThat(job.ladder()).isEqualTo(new LadderChoice.BuiltIn("default"));
  }

  static Stream<Arguments> schemaViolations() {
    return Stream.of(
        // pointer, value (absent = remove the field), expected error
        violation("/input", null, "$: required property 'input' not found"),
        violation("/input", "", "$.input: must be at least 1 characters long"),
        violation("/input", "a\nb.mp4", "$.input: does not match the regex pattern"),
        violation("/input", 42, "$.input: integer found, string expected"),
        violation("/ladder", null, "$: required property 'ladder' not found"),
        violation("/ladder", "my ladder", "$.ladder: does not match the regex pattern"),
        violation("/ladder", 3, "$.ladder: integer found, object expected"),
        violation(
            "/ladder",
            JsonTrees.parse("{\"name\": \"x\"}"),
            "$.ladder: required property 'gopDuration' not found"),
        violation("/segmentDuration", "4s", "$.segmentDuration: does not match the regex pattern"),
        violation("/segmentDuration", 4, "$.segmentDuration: integer found, string expected"),
        violation("/output", "", "$.output: must be at least 1 characters long"),
        violation("/output", "out\u0000", "$.output: does not match the regex pattern"),
        violation("/jobId", "job 42", "$.jobId: does not match the regex pattern"),
        violation("/streamId", "a/b", "$.streamId: does not match the regex pattern"),
        violation("/streamId", "s".repeat(65), "$.streamId: does not match the regex pattern"));
  }

  private static Arguments violation(String pointer, @Nullable Object value, String error) {
    return Arguments.of(
        pointer + (value == null ? " missing" : " = " + value), pointer, value, error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaViolations")
  void parse_schemaViolation_isRejectedNamingDocumentFieldAndRule(
      String description, String pointer, @Nullable Object value, String error) {
    JsonNode tree = value == null ? without(FULL, pointer) : with(FULL, pointer, value);

    assertThatThrownBy(() -> JobDocuments.parse(bytes(tree), "jobs/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("jobs/x.json does not match job.v1.schema.json: ")
        .hasMessageContaining(error)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_INVALID_DOCUMENT);
  }

  @Test
  void parse_inlineLadderBreakingItsSchema_namesThePathInsideTheJob() {
    JsonNode tree =
        with(
            with(MINIMAL, "/ladder", JsonTrees.of(LadderDocuments.builtIn("small"))),
            "/ladder/video/rungs/1/height",
            241);

    assertThatThrownBy(() -> JobDocuments.parse(bytes(tree), "jobs/x.json"))
        .hasMessage(
            "jobs/x.json does not match job.v1.schema.json:"
                + " $.ladder.video.rungs[1].height: must be multiple of 2");
  }

  @Test
  void parse_inlineLadderBreakingARecordRule_failsWithFileReasonAndPlace() {
    JsonNode tree =
        with(
            with(MINIMAL, "/ladder", JsonTrees.of(LadderDocuments.builtIn("small"))),
            "/ladder/video/rungs/1/name",
            "360p");

    assertThatThrownBy(() -> JobDocuments.parse(bytes(tree), "jobs/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("jobs/x.json: rung name \"360p\" is used twice or reserved");
  }

  @Test
  void parse_segmentDurationBelowOneSecond_failsWithFileAndReason() {
    JsonNode tree = with(MINIMAL, "/segmentDuration", "0.5");

    assertThatThrownBy(() -> JobDocuments.parse(bytes(tree), "jobs/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("jobs/x.json: segmentDuration 1/2 s must be from 1 to 30");
  }

  @Test
  void parse_blankInput_failsWithFileAndReason() {
    JsonNode tree = with(MINIMAL, "/input", "   ");

    assertThatThrownBy(() -> JobDocuments.parse(bytes(tree), "jobs/x.json"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("jobs/x.json: input path must not be empty");
  }

  @Test
  void resolveLadder_builtIn_returnsBuiltInLadder() {
    assertThat(JobDocuments.resolveLadder(new LadderChoice.BuiltIn("small"), Path.of(".")))
        .isEqualTo(LadderDocuments.builtIn("small"));
  }

  @Test
  void resolveLadder_relativeFile_isReadFromBaseFolder(@TempDir Path folder) throws IOException {
    Files.createDirectories(folder.resolve("ladders"));
    Files.copy(
        ProjectFiles.resolve("samples/ladders/small.json"), folder.resolve("ladders/mine.json"));

    assertThat(JobDocuments.resolveLadder(new LadderChoice.InFile("ladders/mine.json"), folder))
        .isEqualTo(LadderDocuments.builtIn("small"));
  }

  @Test
  void resolveLadder_missingFile_isUnreadableNamingThePath(@TempDir Path folder) {
    assertThatThrownBy(
            () -> JobDocuments.resolveLadder(new LadderChoice.InFile("nope.json"), folder))
        .isInstanceOf(PipelineException.class)
        .hasMessage(folder.resolve("nope.json") + ": no such file");
  }

  @Test
  void resolveLadder_unknownBuiltIn_isInvalidDocument() {
    assertThatThrownBy(
            () -> JobDocuments.resolveLadder(new LadderChoice.BuiltIn("huge"), Path.of(".")))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("no built-in ladder is named \"huge\"");
  }

  @Test
  void resolveLadder_inline_returnsIt() {
    var inline = new LadderChoice.Inline(LadderDocuments.builtIn("default"));

    assertThat(JobDocuments.resolveLadder(inline, Path.of("."))).isSameAs(inline.ladder());
  }

  @Test
  void load_missingFile_isUnreadable(@TempDir Path folder) {
    Path file = folder.resolve("job.json");

    assertThatThrownBy(() -> JobDocuments.load(file))
        .isInstanceOf(PipelineException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void load_notJson_namesTheFile(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("job.json");
    Files.writeString(file, "input: x.mp4\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JobDocuments.load(file))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith(file + ": not JSON at line 1, column ");
  }
}
