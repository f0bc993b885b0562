package dev.abr.app;

import static dev.abr.app.RoleCommandLines.HOSTNAME_CLIENT_ID;
import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.kafka.WorkerSettings;
import dev.abr.s3.FolderLocation;
import dev.abr.s3.StorageLocation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code abr packager}: defaults, flags, environment variables. */
class PackagerCommandTest {
  private static final String WORK = "s3://abr-work/jobs?endpoint=https://s3.example.net";
  private static final String OUTPUT = "s3://abr-out/vod?region=us-west-2&pathStyle=false";

  @Test
  void config_onlyRequiredOptions_usesTheDefaults() {
    PackagerConfig config =
        parse(
                PackagerCommand.class,
                environment(),
                "packager",
                "--kafka",
                "kafka:9092",
                "--storage",
                "/data/work",
                "--output",
                "/data/out")
            .config();

    assertThat(config)
        .isEqualTo(
            new PackagerConfig(
                new WorkerProcessConfig(
                    new WorkerSettings("kafka:9092", HOSTNAME_CLIENT_ID, Duration.ofSeconds(20)),
                    false,
                    Duration.ofSeconds(30),
                    new OpsAddress("0.0.0.0", 8081)),
                new FolderLocation(Path.of("/data/work")),
                new FolderLocation(Path.of("/data/out"))));
  }

  @Test
  void config_everyFlag_mapsToItsField() {
    PackagerConfig config =
        parse(
                PackagerCommand.class,
                environment(),
                "packager",
                "--kafka",
                "kafka-0.kafka:9092",
                "--storage",
                WORK,
                "--output",
                OUTPUT,
                "--http-port",
                "18081",
                "--http-host",
                "127.0.0.1",
                "--client-id",
                "packager-0",
                "--drain-grace",
                "45",
                "--create-topics=false",
                "--startup-timeout",
                "10")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  @Test
  void config_everyEnvironmentVariable_mapsToItsField() {
    PackagerConfig config =
        parse(
                PackagerCommand.class,
                environment(
                    "ABR_KAFKA_BOOTSTRAP", "kafka-0.kafka:9092",
                    "ABR_STORAGE", WORK,
                    "ABR_OUTPUT", OUTPUT,
                    "ABR_HTTP_PORT", "18081",
                    "ABR_HTTP_HOST", "127.0.0.1",
                    "ABR_CLIENT_ID", "packager-0",
                    "ABR_DRAIN_GRACE_SECONDS", "45",
                    "ABR_CREATE_TOPICS", "false",
                    "ABR_STARTUP_TIMEOUT_SECONDS", "10"),
                "packager")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  private static PackagerConfig expectedExplicit() {
    return new PackagerConfig(
        new WorkerProcessConfig(
            new WorkerSettings("kafka-0.kafka:9092", "packager-0", Duration.ofSeconds(45)),
            false,
            Duration.ofSeconds(10),
            new OpsAddress("127.0.0.1", 18081)),
        StorageLocation.parse(WORK),
        StorageLocation.parse(OUTPUT));
  }
}
