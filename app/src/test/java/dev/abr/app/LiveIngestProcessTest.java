package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.broker.EmbeddedKafka;
import dev.abr.core.json.Json;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.media.BundledFfmpeg;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Live ingest as it runs in Kubernetes: {@code abr ingest} with {@code ABR_RTMP_PORT}, {@code
 * ABR_SRT_PORT}, {@code ABR_STREAM_SECRET} and {@code ABR_API_TOKEN}, next to {@code abr
 * transcoder} and {@code abr packager}, each its own JVM, against a broker and a shared folder. A
 * stream is created through the ingest's ops port, the bundled ffmpeg publishes 8 s over RTMP, and
 * the run is packaged and ends.
 */
class LiveIngestProcessTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TOKEN = "test-api-token-7f3a";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path folder;
  private static EmbeddedKafka kafka;
  private static AbrProcess ingest;
  private static AbrProcess transcoder;
  private static AbrProcess packager;
  private static URI api;
  private static Path out;

  @BeforeAll
  static void startRoles() {
    kafka = EmbeddedKafka.start(folder.resolve("kafka"));
    String bootstrap = kafka.bootstrapServers();
    KafkaTopics.ensure(bootstrap, KafkaTopics.defaults(), TIMEOUT);
    Path logs = folder.resolve("logs");
    String work = folder.resolve("work").toString();
    out = folder.resolve("out");
    Map<String, String> common =
        Map.of(
            "ABR_KAFKA_BOOTSTRAP",
            bootstrap,
            "ABR_STORAGE",
            work,
            "ABR_HTTP_PORT",
            "0",
            "ABR_HTTP_HOST",
            "127.0.0.1");
    ingest =
        AbrProcess.start(
            logs,
            "ingest",
            merge(
                common,
                Map.of(
                    "ABR_RTMP_PORT", "0",
                    "ABR_SRT_PORT", "0",
                    "ABR_STREAM_SECRET",
                        Base64.getEncoder()
                            .encodeToString(
                                "k8s-stream-secret-0123456789abcdef"
                                    .getBytes(StandardCharsets.UTF_8)),
                    "ABR_API_TOKEN", TOKEN,
                    "ABR_PUBLIC_HOST", "127.0.0.1",
                    "ABR_LIVE_RECONNECT_WINDOW_SECONDS", "2",
                    "ABR_TEMP_DIR", folder.resolve("tmp").toString())),
            "ingest");
    transcoder = AbrProcess.start(logs, "transcoder", common, "transcoder");
    packager =
        AbrProcess.start(
            logs, "packager", merge(common, Map.of("ABR_OUTPUT", out.toString())), "packager");
    api = ingest.opsUri(TIMEOUT);
    for (AbrProcess role : List.of(ingest, transcoder, packager)) {
      URI ops = role.opsUri(TIMEOUT);
      Awaits.until(
          role + " is ready", TIMEOUT, () -> AbrProcess.status(ops, "/readyz").orElse(0) == 200);
    }
  }

  @AfterAll
  static void stop() {
    for (AbrProcess role : new AbrProcess[] {ingest, transcoder, packager}) {
      if (role != null) {
        role.close();
      }
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new java.util.HashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static HttpResponse<String> call(
      String method, String path, String body, boolean withToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (withToken) {
      request.header("Authorization", "Bearer " + TOKEN);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Process publish(String rtmpServer, String key, int seconds) throws IOException {
    List<String> arguments = new ArrayList<>(LiveHarness.testSource(seconds));
    arguments.addAll(List.of("-f", "flv", rtmpServer + "/" + key));
    return BundledFfmpeg.command(BundledFfmpeg.ffmpeg(), arguments)
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void api_withoutTheToken_isRefused() {
    HttpResponse<String> response = call("GET", "/api/streams", null, false);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("Authorization: Bearer");
  }

  @Test
  void rtmpPublish_toTheIngestProcess_isPackagedAndEnds() throws Exception {
    HttpResponse<String> created =
        call("POST", "/api/streams", "{\"name\": \"k8s\", \"ladder\": \"small\"}", true);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = Json.tree(created.body().getBytes(StandardCharsets.UTF_8));
    String id = body.path("stream").path("id").asText();
    String rtmpServer = body.path("stream").path("ingest").path("rtmpServer").asText();
    assertThat(rtmpServer).startsWith("rtmp://127.0.0.1:").endsWith("/live");
    assertThat(body.path("stream").path("ingest").path("srtServer").asText())
        .startsWith("srt://127.0.0.1:");

    Process ffmpeg = publish(rtmpServer, body.path("key").asText(), 8);
    String[] run = new String[1];
    Awaits.until(
        "stream " + id + " is live",
        TIMEOUT,
        () -> {
          JsonNode stream =
              Json.tree(
                  call("GET", "/api/streams/" + id, null, true)
                      .body()
                      .getBytes(StandardCharsets.UTF_8));
          run[0] = stream.path("run").path("runId").asText();
          return !run[0].isEmpty();
        });
    assertThat(ffmpeg.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).isZero();
    Path playlist = out.resolve("live/" + id + "/" + run[0] + "/360p/playlist.m3u8");
    Awaits.until(
        playlist + " ends",
        TIMEOUT,
        () -> Files.exists(playlist) && read(playlist).contains("#EXT-X-ENDLIST"));

    assertThat(PlaylistText.parse(read(playlist)).segments()).hasSizeBetween(3, 4);
    assertThat(ingest.err()).doesNotContain(body.path("key").asText()).doesNotContain(TOKEN);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
