package dev.abr.app;

import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.RoleCommandLines.Run;
import dev.abr.core.time.Rational;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.s3.S3TestServer;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code abr submit --wait} against a running pipeline: an embedded broker and real ingest,
 * transcoder and packager roles (in this JVM, as {@code abr vod} runs them), a short generated
 * source and the small ladder; {@code s3://} inputs come from a real S3 server (s3proxy).
 */
class SubmitCommandTest {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  private static final MediaSpec SOURCE = MediaSpec.h264Aac(320, 180, Rational.of(25), 4);
  private static final Pattern STREAM = Pattern.compile("(?m)^stream: ([A-Za-z0-9_-]+)$");

  @TempDir static Path folder;

  static PipelineHarness pipeline;

  @BeforeAll
  static void startPipeline() {
    pipeline = PipelineHarness.start(folder, IngestSettings.DEFAULT, S3.options());
  }

  @AfterAll
  static void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static Run submitAndWait(String input) {
    return execute(
        environment("ABR_KAFKA_BOOTSTRAP", pipeline.bootstrapServers()),
        "submit",
        "--ladder",
        "small",
        "--segment-duration",
        "2",
        "--wait",
        "--timeout",
        "180",
        input);
  }

  private static String streamOf(Run run) {
    Matcher matcher = STREAM.matcher(run.out());
    assertThat(matcher.find()).as("stream id in %s", run.out()).isTrue();
    return matcher.group(1);
  }

  @Test
  void submitWait_localInput_completesAndPrintsTheManifests() {
    Path input = TestMedia.generate(SOURCE);

    Run run = submitAndWait(input.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String stream = streamOf(run);
    assertThat(run.out())
        .contains("HLS:  " + stream + "/main.m3u8", "DASH: " + stream + "/manifest.mpd");
    assertThat(run.err()).contains("probed: ", "completed: 2 segments");
    assertThat(pipeline.outputRoot().resolve(stream).resolve("main.m3u8")).isRegularFile();
  }

  @Test
  void submitWait_missingInput_exits2NamingTheInput() {
    Path missing = folder.resolve("no-such-clip.mp4");

    Run run = submitAndWait(missing.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .contains("failed: no-such-clip.mp4: no such file (" + missing + ") [INPUT_UNREADABLE]");
  }

  @Test
  void submitWait_s3Input_completes() {
    String bucket = S3.createBucket();
    S3.admin()
        .putObject(
            b -> b.bucket(bucket).key("in/clip.mp4"),
            RequestBody.fromFile(TestMedia.generate(SOURCE)));
    String url =
        "s3://"
            + bucket
            + "/in/clip.mp4?endpoint="
            + S3.endpoint()
            + "&pathStyle=true&region=us-east-1";

    Run run = submitAndWait(url);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String stream = streamOf(run);
    assertThat(stream).startsWith("clip-");
    assertThat(pipeline.outputRoot().resolve(stream).resolve("manifest.mpd")).isRegularFile();
  }
}
