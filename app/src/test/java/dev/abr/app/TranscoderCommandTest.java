package dev.abr.app;

import static dev.abr.app.RoleCommandLines.HOSTNAME_CLIENT_ID;
import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.kafka.WorkerSettings;
import dev.abr.media.EncoderThreads;
import dev.abr.s3.FolderLocation;
import dev.abr.s3.StorageLocation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code abr transcoder}: defaults, flags, environment variables. */
class TranscoderCommandTest {
  private static final String S3 =
      "s3://media/work?endpoint=http://127.0.0.1:9000&region=eu-west-1";

  @Test
  void config_onlyRequiredOptions_usesTheDefaults() {
    TranscoderConfig config =
        parse(
                TranscoderCommand.class,
                environment(),
                "transcoder",
                "--kafka",
                "kafka:9092",
                "--storage",
                "/data/work")
            .config();

    assertThat(config)
        .isEqualTo(
            new TranscoderConfig(
                new WorkerProcessConfig(
                    new WorkerSettings("kafka:9092", HOSTNAME_CLIENT_ID, Duration.ofSeconds(60)),
                    false,
                    Duration.ofSeconds(30),
                    new OpsAddress("0.0.0.0", 8081)),
                new FolderLocation(Path.of("/data/work")),
                1,
                EncoderThreads.shareOf(Runtime.getRuntime().availableProcessors())));
  }

  @Test
  void config_everyFlag_mapsToItsField() {
    TranscoderConfig config =
        parse(
                TranscoderCommand.class,
                environment(),
                "transcoder",
                "--kafka",
                "k1:9092,k2:9093",
                "--storage",
                S3,
                "--http-port",
                "9100",
                "--http-host",
                "127.0.0.1",
                "--client-id",
                "transcoder-a",
                "--drain-grace",
                "90",
                "--concurrency",
                "2",
                "--x264-threads",
                "x264",
                "--create-topics",
                "--startup-timeout",
                "5")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  @Test
  void config_everyEnvironmentVariable_mapsToItsField() {
    TranscoderConfig config =
        parse(
                TranscoderCommand.class,
                environment(
                    "ABR_KAFKA_BOOTSTRAP", "k1:9092,k2:9093",
                    "ABR_STORAGE", S3,
                    "ABR_HTTP_PORT", "9100",
                    "ABR_HTTP_HOST", "127.0.0.1",
                    "ABR_CLIENT_ID", "transcoder-a",
                    "ABR_DRAIN_GRACE_SECONDS", "90",
                    "ABR_TRANSCODE_CONCURRENCY", "2",
                    "ABR_X264_THREADS", "x264",
                    "ABR_CREATE_TOPICS", "true",
                    "ABR_STARTUP_TIMEOUT_SECONDS", "5"),
                "transcoder")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  @Test
  void config_flagAndEnvironmentVariable_flagWins() {
    TranscoderConfig config =
        parse(
                TranscoderCommand.class,
                environment(
                    "ABR_KAFKA_BOOTSTRAP", "from-env:9092", "ABR_TRANSCODE_CONCURRENCY", "3"),
                "transcoder",
                "--kafka",
                "from-flag:9092",
                "--storage",
                "/data/work",
                "--concurrency",
                "4")
            .config();

    assertThat(config.process().worker().bootstrapServers()).isEqualTo("from-flag:9092");
    assertThat(config.concurrency()).isEqualTo(4);
  }

  @Test
  void config_x264ThreadsNeitherAutoNorX264NorANumber_failsNamingTheFlagTheVariableAndTheValue() {
    assertThatThrownBy(
            () ->
                parse(
                        TranscoderCommand.class,
                        environment(),
                        "transcoder",
                        "--kafka",
                        "kafka:9092",
                        "--storage",
                        "/data/work",
                        "--x264-threads",
                        "many")
                    .config())
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("--x264-threads")
        .hasMessageContaining("ABR_X264_THREADS")
        .hasMessageContaining("many");
  }

  private static TranscoderConfig expectedExplicit() {
    return new TranscoderConfig(
        new WorkerProcessConfig(
            new WorkerSettings("k1:9092,k2:9093", "transcoder-a", Duration.ofSeconds(90)),
            true,
            Duration.ofSeconds(5),
            new OpsAddress("127.0.0.1", 9100)),
        StorageLocation.parse(S3),
        2,
        EncoderThreads.x264Default());
  }
}
