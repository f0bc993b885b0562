package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.broker.EmbeddedKafka;
import dev.abr.core.id.Ids;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.time.Rational;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four roles as separate JVM processes ({@code abr ingest}, {@code abr transcoder}, {@code abr
 * packager}, {@code abr origin}) against an embedded broker and local folders, some configured by
 * flags and some by environment variables, running one small VOD job; then the package through the
 * origin over HTTP, and every role's ops endpoints.
 */
class RoleProcessesTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final MediaSpec SOURCE = MediaSpec.h264Aac(320, 180, Rational.of(25), 4);

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  static Path folder;

  static EmbeddedKafka kafka;
  static final Map<String, AbrProcess> roles = new java.util.LinkedHashMap<>();
  static final Map<String, URI> ops = new java.util.LinkedHashMap<>();
  static URI origin;
  static String jobId;
  static List<JobEvent> events;

  @BeforeAll
  static void runJob() throws IOException {
    Path input = TestMedia.generate(SOURCE);
    kafka = EmbeddedKafka.start(folder.resolve("kafka"));
    String bootstrap = kafka.bootstrapServers();
    KafkaTopics.ensure(bootstrap, KafkaTopics.defaults(), START);
    Path logs = folder.resolve("logs");
    String work = folder.resolve("work").toString();
    String out = folder.resolve("out").toString();
    roles.put(
        "ingest",
        AbrProcess.start(
            logs,
            "ingest",
            Map.of(
                "ABR_KAFKA_BOOTSTRAP", bootstrap,
                "ABR_STORAGE", work,
                "ABR_SEGMENTS_PER_CHUNK", "1",
                "ABR_TEMP_DIR", folder.resolve("tmp").toString(),
                "ABR_CREATE_TOPICS", "true",
                "ABR_HTTP_PORT", "0",
                "ABR_HTTP_HOST", "127.0.0.1"),
            "ingest"));
    roles.put(
        "transcoder",
        AbrProcess.start(
            logs,
            "transcoder",
            Map.of(),
            "transcoder",
            "--kafka",
            bootstrap,
            "--storage",
            work,
            "--client-id",
            "transcoder-e2e",
            "--http-port",
            "0",
            "--http-host",
            "127.0.0.1"));
    roles.put(
        "packager",
        AbrProcess.start(
            logs,
            "packager",
            Map.of("ABR_KAFKA_BOOTSTRAP", bootstrap, "ABR_OUTPUT", out),
            "packager",
            "--storage",
            work,
            "--http-port",
            "0",
            "--http-host",
            "127.0.0.1"));
    roles.put(
        "origin",
        AbrProcess.start(
            logs,
            "origin",
            Map.of("ABR_ORIGIN_PORT", "0"),
            "origin",
            "--output",
            out,
            "--http-port",
            "0",
            "--http-host",
            "127.0.0.1"));
    roles.forEach((name, process) -> ops.put(name, process.opsUri(START)));
    origin = roles.get("origin").originUri(START);
    ops.forEach(
        (name, uri) ->
            Awaits.until(
                name + " is ready",
                START,
                () -> AbrProcess.status(uri, "/readyz").orElse(0) == 200));

    jobId = Ids.random(12);
    try (JsonProducer producer = JsonProducer.create(bootstrap, "e2e-client");
        TopicTail<JobEvent> tail =
            TopicTail.fromBeginning(bootstrap, Topics.JOB_EVENTS, JobEvent.class, START)) {
      producer.sendAndWait(
          Topics.JOB_SUBMITTED,
          jobId,
          new JobSubmitted(
              jobId,
              "s-" + jobId,
              input.toString(),
              LadderDocuments.builtIn("small"),
              Rational.of(2),
              jobId,
              Clock.systemUTC().instant()));
      events = awaitEnd(tail, jobId, Duration.ofSeconds(120));
    }
  }

  @AfterAll
  static void stop() {
    roles.values().forEach(AbrProcess::terminate);
    roles.values().forEach(process -> process.awaitExit(Duration.ofSeconds(60)));
    roles.values().forEach(AbrProcess::close);
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void job_rolesAsSeparateProcesses_completes() {
    assertThat(events.get(events.size() - 1).type())
        .as("last event of %s; %s", events, logs())
        .isEqualTo(JobEventType.COMPLETED);
  }

  @Test
  void origin_completedJob_servesMultivariantMediaPlaylistAndSegment() {
    HttpResponse<String> multivariant = AbrProcess.get(origin, "/" + jobId + "/main.m3u8");
    String mediaPath = firstUri(multivariant.body());
    HttpResponse<String> media = AbrProcess.get(origin, "/" + jobId + "/" + mediaPath);
    String segmentPath = resolveSibling(mediaPath, firstUri(media.body()));
    HttpResponse<String> segment = AbrProcess.get(origin, "/" + jobId + "/" + segmentPath);

    assertThat(multivariant.statusCode()).isEqualTo(200);
    assertThat(multivariant.body()).startsWith("#EXTM3U");
    assertThat(media.statusCode()).isEqualTo(200);
    assertThat(segment.statusCode()).isEqualTo(200);
    assertThat(segment.headers().firstValue("Content-Type")).hasValue("video/iso.segment");
  }

  @Test
  void origin_completedJob_servesTheMpd() {
    HttpResponse<String> mpd = AbrProcess.get(origin, "/" + jobId + "/manifest.mpd");

    assertThat(mpd.statusCode()).isEqualTo(200);
    assertThat(mpd.body()).contains("<MPD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "transcoder", "packager", "origin"})
  void healthz_runningRole_is200(String role) {
    HttpResponse<String> response = AbrProcess.get(ops.get(role), "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "transcoder", "packager", "origin"})
  void readyz_runningRole_is200(String role) {
    HttpResponse<String> response = AbrProcess.get(ops.get(role), "/readyz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ready\n");
  }

  @Test
  void metrics_transcoderAfterTheJob_exposesChunkCounterAndJvmMetrics() {
    HttpResponse<String> response = AbrProcess.get(ops.get("transcoder"), "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .containsPattern("(?m)^abr_transcode_chunks_total(\\{[^}]*})? 2\\.0$")
        .contains("abr_worker_records_seconds_count{")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads")
        .contains("process_cpu_usage");
  }

  @Test
  void metrics_anyRole_neverCarriesJobOrStreamIds() {
    for (URI uri : ops.values()) {
      assertThat(AbrProcess.get(uri, "/metrics").body()).doesNotContain(jobId);
    }
  }

  @Test
  void logs_eachRole_hasOneLinePerJobStep() {
    String stream = "s-" + jobId;

    assertThat(roles.get("ingest").err())
        .contains("job " + jobId + " received for stream " + stream)
        .contains("job " + jobId + ": chunk 0 stored")
        .contains("job " + jobId + ": chunk 1 stored");
    assertThat(roles.get("transcoder").err())
        .contains("chunk 0 of stream " + stream + " received")
        .contains("chunk 1 of stream " + stream + " transcoded");
    assertThat(roles.get("packager").err())
        .contains("stream " + stream + ": segment 0 published")
        .contains("stream " + stream + ": segment 1 published");
  }

  @Test
  void start_kafkaUnreachable_exitsThreeWithOneLine() {
    try (AbrProcess process =
        AbrProcess.start(
            folder.resolve("logs"),
            "unreachable",
            Map.of(),
            "transcoder",
            "--kafka",
            "127.0.0.1:1",
            "--storage",
            folder.resolve("work").toString(),
            "--startup-timeout",
            "1",
            "--http-port",
            "0",
            "--http-host",
            "127.0.0.1")) {
      int exit = process.awaitExit(START);

      assertThat(exit).as(process.logs()).isEqualTo(ExitCodes.EXTERNAL);
      assertThat(process.err())
          .contains("abr: Kafka did not answer within 1 s: is it reachable? [KAFKA_UNAVAILABLE]");
    }
  }

  @Test
  void start_storageUnusable_exitsThreeWithOneLine() throws IOException {
    Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
    try (AbrProcess process =
        AbrProcess.start(
            folder.resolve("logs"),
            "unusable",
            Map.of(),
            "packager",
            "--kafka",
            kafka.bootstrapServers(),
            "--storage",
            folder.resolve("work").toString(),
            "--output",
            file.resolve("out").toString(),
            "--http-port",
            "0",
            "--http-host",
            "127.0.0.1")) {
      int exit = process.awaitExit(START);

      assertThat(exit).as(process.logs()).isEqualTo(ExitCodes.EXTERNAL);
      assertThat(process.err()).containsPattern("abr: --output: folder .* cannot be used: ");
    }
  }

  private static List<JobEvent> awaitEnd(TopicTail<JobEvent> tail, String jobId, Duration timeout) {
    List<JobEvent> mine = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      for (JobEvent event : tail.poll(Duration.ofMillis(200))) {
        if (event.jobId().equals(jobId)) {
          mine.add(event);
          if (event.type() == JobEventType.COMPLETED || event.type() == JobEventType.FAILED) {
            return mine;
          }
        }
      }
    }
    throw new AssertionError("job " + jobId + " did not end; events " + mine + "\n" + logs());
  }

  private static String firstUri(String playlist) {
    Optional<String> uri =
        playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst();
    return uri.orElseThrow(() -> new AssertionError("no URI in playlist:\n" + playlist));
  }

  private static String resolveSibling(String path, String relative) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? relative : path.substring(0, slash + 1) + relative;
  }

  private static String logs() {
    StringBuilder all = new StringBuilder();
    roles.values().forEach(process -> all.append(process.logs()));
    return all.toString();
  }
}
