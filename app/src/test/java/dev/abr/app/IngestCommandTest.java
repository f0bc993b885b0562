package dev.abr.app;

import static dev.abr.app.RoleCommandLines.HOSTNAME_CLIENT_ID;
import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.kafka.WorkerSettings;
import dev.abr.s3.FolderLocation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code abr ingest}: defaults, flags, environment variables. */
class IngestCommandTest {
  @Test
  void config_onlyRequiredOptions_usesTheDefaults() {
    IngestConfig config =
        parse(
                IngestCommand.class,
                environment(),
                "ingest",
                "--kafka",
                "kafka:9092",
                "--storage",
                "/data/work")
            .config();

    assertThat(config)
        .isEqualTo(
            new IngestConfig(
                new WorkerProcessConfig(
                    new WorkerSettings("kafka:9092", HOSTNAME_CLIENT_ID, Duration.ofSeconds(20)),
                    false,
                    Duration.ofSeconds(30),
                    new OpsAddress("0.0.0.0", 8081)),
                new FolderLocation(Path.of("/data/work")),
                Path.of(System.getProperty("java.io.tmpdir")),
                8,
                java.util.Optional.empty()));
  }

  @Test
  void config_everyFlag_mapsToItsField() {
    IngestConfig config =
        parse(
                IngestCommand.class,
                environment(),
                "ingest",
                "--kafka",
                "[::1]:9092",
                "--storage",
                "file:///data/work",
                "--http-port",
                "0",
                "--http-host",
                "::",
                "--client-id",
                "ingest_0",
                "--drain-grace",
                "0",
                "--temp-dir",
                "/scratch",
                "--segments-per-chunk",
                "2",
                "--create-topics=true",
                "--startup-timeout",
                "120")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  @Test
  void config_everyEnvironmentVariable_mapsToItsField() {
    IngestConfig config =
        parse(
                IngestCommand.class,
                environment(
                    "ABR_KAFKA_BOOTSTRAP", "[::1]:9092",
                    "ABR_STORAGE", "file:///data/work",
                    "ABR_HTTP_PORT", "0",
                    "ABR_HTTP_HOST", "::",
                    "ABR_CLIENT_ID", "ingest_0",
                    "ABR_DRAIN_GRACE_SECONDS", "0",
                    "ABR_TEMP_DIR", "/scratch",
                    "ABR_SEGMENTS_PER_CHUNK", "2",
                    "ABR_CREATE_TOPICS", "TRUE",
                    "ABR_STARTUP_TIMEOUT_SECONDS", "120"),
                "ingest")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  private static IngestConfig expectedExplicit() {
    return new IngestConfig(
        new WorkerProcessConfig(
            new WorkerSettings("[::1]:9092", "ingest_0", Duration.ZERO),
            true,
            Duration.ofSeconds(120),
            new OpsAddress("::", 0)),
        new FolderLocation(Path.of("/data/work")),
        Path.of("/scratch"),
        2,
        java.util.Optional.empty());
  }

  private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @Test
  void config_liveFlags_mapToTheLiveSettings() {
    IngestConfig config =
        parse(
                IngestCommand.class,
                environment("ABR_STREAM_SECRET", SECRET),
                "ingest",
                "--kafka",
                "kafka:9092",
                "--storage",
                "/data/work",
                "--rtmp-port",
                "1935",
                "--srt-port",
                "9000",
                "--api-token",
                "t0ken",
                "--public-host",
                "live.example.com",
                "--origin-url",
                "https://cdn.example.com/",
                "--reconnect-window",
                "10")
            .config();

    assertThat(config.live())
        .contains(
            new IngestConfig.Live(
                "0.0.0.0",
                1935,
                9000,
                dev.abr.ingest.live.StreamKeys.fromBase64(SECRET, "test"),
                java.util.Optional.of("t0ken"),
                "live.example.com",
                java.net.URI.create("https://cdn.example.com/"),
                Duration.ofSeconds(10)));
  }

  @Test
  void config_liveEnvironmentVariables_mapToTheLiveSettings() {
    IngestConfig config =
        parse(
                IngestCommand.class,
                environment(
                    "ABR_STREAM_SECRET",
                    SECRET,
                    "ABR_KAFKA_BOOTSTRAP",
                    "kafka:9092",
                    "ABR_STORAGE",
                    "/data/work",
                    "ABR_RTMP_PORT",
                    "1935",
                    "ABR_SRT_PORT",
                    "-1",
                    "ABR_API_TOKEN",
                    "t0ken",
                    "ABR_PUBLIC_HOST",
                    "live.example.com",
                    "ABR_ORIGIN_URL",
                    "https://cdn.example.com/",
                    "ABR_LIVE_RECONNECT_WINDOW_SECONDS",
                    "10"),
                "ingest")
            .config();

    assertThat(config.live())
        .contains(
            new IngestConfig.Live(
                "0.0.0.0",
                1935,
                -1,
                dev.abr.ingest.live.StreamKeys.fromBase64(SECRET, "test"),
                java.util.Optional.of("t0ken"),
                "live.example.com",
                java.net.URI.create("https://cdn.example.com/"),
                Duration.ofSeconds(10)));
  }

  @Test
  void config_liveWithoutASecret_namesTheVariableAndHowToMakeOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                parse(
                        IngestCommand.class,
                        environment(),
                        "ingest",
                        "--kafka",
                        "kafka:9092",
                        "--storage",
                        "/data/work",
                        "--rtmp-port",
                        "1935")
                    .config())
        .hasMessageContaining("--stream-secret (ABR_STREAM_SECRET)")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void config_shortSecret_isRefusedWithoutEchoingIt() {
    String secret = "c2hvcnQtc2VjcmV0";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                parse(
                        IngestCommand.class,
                        environment("ABR_STREAM_SECRET", secret),
                        "ingest",
                        "--kafka",
                        "kafka:9092",
                        "--storage",
                        "/data/work",
                        "--srt-port",
                        "9000")
                    .config())
        .hasMessageContaining("ABR_STREAM_SECRET")
        .hasMessageNotContaining(secret);
  }
}
