package dev.abr.app;

import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.RoleCommandLines.Run;
import org.junit.jupiter.api.Test;

/**
 * {@code abr submit} refuses bad options before it contacts Kafka: one line per problem naming the
 * flag (and its variable), exit code 64; a bad ladder fails as in {@code abr vod}; never a secret.
 */
class SubmitCommandValidationTest {
  private static final String INPUT = "/media/clip.mp4";

  @Test
  void submit_noKafka_exits64NamingFlagAndVariable() {
    Run run = execute(environment(), "submit", INPUT);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "abr: --kafka (ABR_KAFKA_BOOTSTRAP): is required: the Kafka bootstrap servers, e.g."
                + " kafka:9092\n");
  }

  @Test
  void submit_badKafkaFromEnvironment_exits64NamingTheVariableWithoutTheValue() {
    Run run =
        execute(
            environment("ABR_KAFKA_BOOTSTRAP", "http://user:pa55word@kafka:9092"), "submit", INPUT);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("abr: --kafka (ABR_KAFKA_BOOTSTRAP): must be host:port")
        .doesNotContain("pa55word");
  }

  @Test
  void submit_relativeInput_exits64AskingForAnAbsolutePath() {
    Run run = execute(environment(), "submit", "--kafka", "kafka:9092", "clip.mp4");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("abr: INPUT: a local path must be absolute");
  }

  @Test
  void submit_credentialsInS3Input_exits64WithoutTheSecret() {
    Run run =
        execute(
            environment(),
            "submit",
            "--kafka",
            "kafka:9092",
            "s3://AKIA1:s3cr3tValue@bucket/a.mp4");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("abr: INPUT: S3 storage URL must not carry credentials")
        .doesNotContain("s3cr3tValue");
  }

  @Test
  void submit_unsupportedInputScheme_exits64NamingTheScheme() {
    Run run = execute(environment(), "submit", "--kafka", "kafka:9092", "ftp://host/clip.mp4");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("abr: INPUT: unsupported input URL scheme \"ftp\"");
  }

  @Test
  void submit_segmentDurationOutOfRange_exits64NamingTheRange() {
    Run run =
        execute(
            environment(), "submit", "--kafka", "kafka:9092", "--segment-duration", "0.5", INPUT);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "abr: --segment-duration: must be seconds from 1 to 30, e.g. 4, 6 or 2.002, not"
                + " \"0.5\"\n");
  }

  @Test
  void submit_timeoutWithoutWait_exits64() {
    Run run = execute(environment(), "submit", "--kafka", "kafka:9092", "--timeout", "60", INPUT);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .isEqualTo("abr: --timeout: only applies with --wait: add --wait or leave it out\n");
  }

  @Test
  void submit_severalProblems_listsEveryOne() {
    Run run =
        execute(
            environment(), "submit", "--stream-id", "a b", "--timeout", "0", "--wait", "clip.mp4");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines())
        .containsExactly(
            "abr: --kafka (ABR_KAFKA_BOOTSTRAP): is required: the Kafka bootstrap servers, e.g."
                + " kafka:9092",
            "abr: INPUT: a local path must be absolute: the ingest process opens it on its own file"
                + " system, not this one (or give s3://bucket/key)",
            "abr: --stream-id: must be 1 to 64 of A-Z a-z 0-9 _ -, not that value",
            "abr: --timeout: must be a whole number of at least 1, not \"0\"");
  }

  @Test
  void submit_unknownLadder_exits2AsAbrVodDoes() {
    Run run = execute(environment(), "submit", "--kafka", "kafka:9092", "--ladder", "tiny", INPUT);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .isEqualTo(
            "abr: no built-in ladder is named \"tiny\" (built-in ladders: default, small; a ladder"
                + " file name ends in .json) [INPUT_INVALID_DOCUMENT]\n");
  }
}
