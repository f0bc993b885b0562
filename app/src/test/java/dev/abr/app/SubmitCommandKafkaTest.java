package dev.abr.app;

import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.RoleCommandLines.Run;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.time.Rational;
import dev.abr.testkit.kafka.KafkaExtension;
import dev.abr.testkit.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code abr submit} against a real broker with the pipeline's topics and no role running: what it
 * publishes, and {@code --wait --timeout} giving up.
 */
@ExtendWith(KafkaExtension.class)
class SubmitCommandKafkaTest {
  private static final Pattern JOB = Pattern.compile("(?m)^job: ([a-z0-9]+)$");
  private static final Duration KAFKA = Duration.ofSeconds(60);

  @BeforeAll
  static void createTopics(TestKafka kafka) {
    KafkaTopics.ensure(kafka.bootstrapServers(), KafkaTopics.defaults(), KAFKA);
  }

  private static String jobOf(Run run) {
    Matcher matcher = JOB.matcher(run.out());
    assertThat(matcher.find()).as("job id in %s", run.out()).isTrue();
    return matcher.group(1);
  }

  @Test
  void submit_withoutWait_publishesTheJobWithTheResolvedLadder(TestKafka kafka) {
    Run run =
        execute(
            environment("ABR_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
            "submit",
            "--ladder",
            "small",
            "--segment-duration",
            "2.002",
            "--stream-id",
            "news-1",
            "/media/clip.mp4");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String jobId = jobOf(run);
    List<JobSubmitted> jobs;
    try (TopicTail<JobSubmitted> tail =
        TopicTail.fromBeginning(
            kafka.bootstrapServers(), Topics.JOB_SUBMITTED, JobSubmitted.class, KAFKA)) {
      jobs = tail.readToEnd(KAFKA).stream().filter(j -> j.jobId().equals(jobId)).toList();
    }
    assertThat(jobs).hasSize(1);
    JobSubmitted job = jobs.get(0);
    assertThat(job.streamId()).isEqualTo("news-1");
    assertThat(job.outputPrefix()).isEqualTo("news-1");
    assertThat(job.input()).isEqualTo("/media/clip.mp4");
    assertThat(job.ladder().name()).isEqualTo("small");
    assertThat(job.segmentDuration()).isEqualTo(Rational.parse("2.002"));
  }

  @Test
  void submitWait_noIngestRunning_exits3AfterTheTimeout(TestKafka kafka) {
    Run run =
        execute(
            environment("ABR_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
            "submit",
            "--wait",
            "--timeout",
            "1",
            "/media/clip.mp4");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.EXTERNAL);
    assertThat(run.err())
        .contains("did not end within --timeout 1 s (last step: submitted)")
        .contains("it goes on in the cluster");
  }
}
