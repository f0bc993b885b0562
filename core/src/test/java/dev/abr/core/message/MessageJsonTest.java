package dev.abr.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.json.Json;
import dev.abr.core.schema.Schemas;
import dev.abr.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kafka message as JSON: written exactly as its golden file ({@code golden/json/}), the
 * golden valid against its schema, and read back equal to the record.
 */
class MessageJsonTest {
  record Case(String golden, String schema, Class<?> type, Supplier<Object> message) {
    @Override
    public String toString() {
      return golden;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "job_submitted",
            Schemas.JOB_SUBMITTED,
            JobSubmitted.class,
            ExampleMessages::jobSubmitted),
        new Case(
            "transcode_requested",
            Schemas.TRANSCODE_REQUESTED,
            TranscodeRequested.class,
            ExampleMessages::transcodeRequested),
        new Case(
            "transcode_deadlettered",
            Schemas.TRANSCODE_DEAD_LETTERED,
            TranscodeDeadLettered.class,
            ExampleMessages::transcodeDeadLettered),
        new Case(
            "package_event_stream_started",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::streamStarted),
        new Case(
            "package_event_stream_started_live",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::liveStreamStarted),
        new Case(
            "package_event_fragment_ready_live",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::liveFragmentReady),
        new Case(
            "package_event_fragment_ready",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::fragmentReady),
        new Case(
            "package_event_fragment_failed",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::fragmentFailed),
        new Case(
            "package_event_stream_ended",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::streamEnded),
        new Case(
            "package_event_stream_failed",
            Schemas.PACKAGE_EVENT,
            PackageEvent.class,
            ExampleMessages::streamFailed),
        new Case(
            "job_event_submitted",
            Schemas.JOB_EVENT,
            JobEvent.class,
            ExampleMessages::jobSubmittedEvent),
        new Case(
            "job_event_probed", Schemas.JOB_EVENT, JobEvent.class, ExampleMessages::probedEvent),
        new Case(
            "job_event_chunk_cut",
            Schemas.JOB_EVENT,
            JobEvent.class,
            ExampleMessages::chunkCutEvent),
        new Case(
            "job_event_fragment_transcoded",
            Schemas.JOB_EVENT,
            JobEvent.class,
            ExampleMessages::fragmentTranscodedEvent),
        new Case(
            "job_event_completed",
            Schemas.JOB_EVENT,
            JobEvent.class,
            ExampleMessages::completedEvent),
        new Case(
            "job_event_failed", Schemas.JOB_EVENT, JobEvent.class, ExampleMessages::failedEvent));
  }

  static Stream<Arguments> arguments() {
    return cases().map(Arguments::of);
  }

  private static String path(Case c) {
    return "json/" + c.golden() + ".json";
  }

  /** The golden as checked in (where {@link GoldenFiles} reads and writes it). */
  private static byte[] golden(Case c) throws IOException {
    return Files.readAllBytes(Path.of("src", "test", "resources", "golden").resolve(path(c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void writePretty_message_matchesGolden(Case c) {
    GoldenFiles.assertMatches(Json.writePretty(c.message().get()) + "\n", path(c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void golden_message_isValidAgainstItsSchema(Case c) throws IOException {
    assertThat(Schemas.validate(c.schema(), Json.tree(golden(c)))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void read_golden_equalsTheRecord(Case c) throws IOException {
    assertThat(Json.read(golden(c), c.type(), c.golden())).isEqualTo(c.message().get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void read_compactForm_equalsTheRecord(Case c) {
    Object message = c.message().get();

    assertThat(Json.read(Json.write(message), c.type(), c.golden())).isEqualTo(message);
  }
}
