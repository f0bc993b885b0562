package dev.abr.app;

import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.RoleCommandLines.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The role commands refuse a bad configuration before starting anything: exit code 64, one line per
 * problem naming the flag and its variable, never a secret.
 */
class RoleCommandValidationTest {
  private static final String SECRET = "s3cr3tValue";

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "transcoder", "packager"})
  void execute_noKafka_exits64NamingFlagAndVariable(String command) {
    Run run =
        command.equals("packager")
            ? execute(environment(), command, "--storage", "/w", "--output", "/o")
            : execute(environment(), command, "--storage", "/w");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "abr: --kafka (ABR_KAFKA_BOOTSTRAP): is required: the Kafka bootstrap servers, e.g."
                + " kafka:9092\n");
  }

  @Test
  void execute_unsupportedStorageScheme_exits64NamingTheScheme() {
    Run run = execute(environment(), "transcoder", "--kafka", "k:9092", "--storage", "ftp://h/x");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("abr: --storage (ABR_STORAGE): unsupported storage URL scheme \"ftp\"");
  }

  @Test
  void execute_credentialsInStorageUrl_exits64WithoutTheSecret() {
    Run run =
        execute(
            environment(),
            "ingest",
            "--kafka",
            "k:9092",
            "--storage",
            "s3://AKIAEXAMPLE:" + SECRET + "@bucket/work");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--storage (ABR_STORAGE): S3 storage URL must not carry credentials")
        .doesNotContain(SECRET)
        .doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void execute_secretInStorageUrlParameterFromEnvironment_exits64WithoutTheSecret() {
    Run run =
        execute(environment("ABR_OUTPUT", "s3://bucket/out?secretAccessKey=" + SECRET), "origin");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--output (ABR_OUTPUT): unknown S3 storage URL parameter \"secretAccessKey\"")
        .doesNotContain(SECRET);
  }

  @Test
  void execute_credentialsInKafkaAddress_exits64WithoutTheSecret() {
    Run run =
        execute(
            environment(),
            "packager",
            "--kafka",
            "SASL_SSL://user:" + SECRET + "@kafka:9092",
            "--storage",
            "/w",
            "--output",
            "/o");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--kafka (ABR_KAFKA_BOOTSTRAP): must be host:port")
        .doesNotContain(SECRET);
  }

  @Test
  void execute_invalidClientId_exits64WithoutTheValue() {
    Run run =
        execute(
            environment("ABR_CLIENT_ID", "user:" + SECRET),
            "transcoder",
            "--kafka",
            "k:9092",
            "--storage",
            "/w");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--client-id (ABR_CLIENT_ID)").doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"65536", "-1", "http"})
  void execute_opsPortOutOfRange_exits64(String port) {
    Run run = execute(environment(), "origin", "--output", "/o", "--http-port", port);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "abr: --http-port (ABR_HTTP_PORT): must be a port number from 0 (any free port) to"
                + " 65535, not \""
                + port
                + "\"\n");
  }

  @Test
  void execute_originPortOutOfRangeFromEnvironment_exits64NamingTheVariable() {
    Run run = execute(environment("ABR_ORIGIN_PORT", "99999"), "origin", "--output", "/o");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("abr: --port (ABR_ORIGIN_PORT): must be a port number");
  }

  @Test
  void execute_originAndOpsOnTheSamePort_exits64() {
    Run run =
        execute(environment(), "origin", "--output", "/o", "--port", "8081", "--http-port", "8081");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "abr: --port (ABR_ORIGIN_PORT) and --http-port (ABR_HTTP_PORT) are both 8081: give"
                + " them different ports\n");
  }

  @Test
  void execute_severalProblems_printsOneLineEach() {
    Run run =
        execute(
            environment("ABR_CREATE_TOPICS", "maybe"),
            "transcoder",
            "--drain-grace",
            "soon",
            "--concurrency",
            "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines())
        .containsExactly(
            "abr: --kafka (ABR_KAFKA_BOOTSTRAP): is required: the Kafka bootstrap servers, e.g."
                + " kafka:9092",
            "abr: --drain-grace (ABR_DRAIN_GRACE_SECONDS): must be a whole number of at least 0,"
                + " not \"soon\"",
            "abr: --create-topics (ABR_CREATE_TOPICS): must be true or false, not \"maybe\"",
            "abr: --storage (ABR_STORAGE): is required: a folder path or"
                + " s3://bucket/prefix?endpoint=...",
            "abr: --concurrency (ABR_TRANSCODE_CONCURRENCY): must be a whole number of at least 1,"
                + " not \"0\"");
  }

  @Test
  void execute_unknownOption_exits64WithAHint() {
    Run run = execute(environment(), "transcoder", "--bogus");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines())
        .containsExactly("abr: Unknown option: '--bogus'", "abr: try: abr transcoder --help");
  }
}
