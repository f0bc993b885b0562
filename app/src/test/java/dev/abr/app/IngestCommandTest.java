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
                4));
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
        2);
  }
}
