package dev.abr.ingest.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.s3.S3Credentials;
import dev.abr.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A job's input becomes a local file: a path as it is, an {@code s3://} object fetched from a real
 * S3 server (s3proxy) into the scratch folder and deleted afterwards; a missing or denied object is
 * an input failure naming the object and the fix, never a secret.
 */
class VodInputsTest {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  private static final byte[] BYTES = "not really media".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path scratch;

  private String url(String bucket, String key) {
    return "s3://"
        + bucket
        + "/"
        + key
        + "?endpoint="
        + S3.endpoint()
        + "&pathStyle=true&region=us-east-1";
  }

  private String bucketWith(String key) {
    String bucket = S3.createBucket();
    S3.admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(BYTES));
    return bucket;
  }

  private VodInputs inputs() {
    return new VodInputs(scratch, S3.options());
  }

  private List<Path> scratchEntries() throws IOException {
    try (Stream<Path> entries = Files.list(scratch)) {
      return entries.toList();
    }
  }

  @Test
  void open_localPath_isThatFile() {
    Path file = scratch.resolve("clip.mp4");

    try (VodInputs.InputFile input = inputs().open(file.toString())) {
      assertThat(input.path()).isEqualTo(file);
    }
  }

  @Test
  void open_s3Object_isACopyInTheScratchFolderNamedLikeTheKey() throws IOException {
    String bucket = bucketWith("in/clip.mp4");

    try (VodInputs.InputFile input = inputs().open(url(bucket, "in/clip.mp4"))) {
      assertThat(input.path()).startsWith(scratch).hasFileName("clip.mp4");
      assertThat(Files.readAllBytes(input.path())).isEqualTo(BYTES);
    }
  }

  @Test
  void close_s3Object_deletesTheCopyAndItsFolder() throws IOException {
    String bucket = bucketWith("clip.mp4");

    inputs().open(url(bucket, "clip.mp4")).close();

    assertThat(scratchEntries()).isEmpty();
  }

  @Test
  void open_missingS3Object_failsAsInputNamingTheObjectAndLeavesNothing() throws IOException {
    String bucket = S3.createBucket();

    assertThatThrownBy(() -> inputs().open(url(bucket, "in/missing.mp4")))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE))
        .hasMessageStartingWith("s3://" + bucket + "/in/missing.mp4 (127.0.0.1:")
        .hasMessageContaining("no such object")
        .hasMessageContaining("upload the file first");
    assertThat(scratchEntries()).isEmpty();
  }

  @Test
  void open_s3ObjectWithWrongSecret_failsAsAccessDeniedWithoutTheSecret() {
    String bucket = bucketWith("clip.mp4");
    String secret = "wrong-secret-" + System.nanoTime();
    VodInputs wrong =
        new VodInputs(
            scratch,
            S3.options()
                .withCredentials(new S3Credentials(S3.credentials().accessKeyId(), secret)));

    assertThatThrownBy(() -> wrong.open(url(bucket, "clip.mp4")))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE))
        .hasMessageStartingWith("s3://" + bucket + "/clip.mp4 (127.0.0.1:")
        .hasMessageContaining("access denied")
        .hasMessageContaining("s3:GetObject")
        .hasMessageNotContaining(secret);
  }

  @Test
  void open_s3UrlWithCredentials_failsAsInputWithoutThem() {
    assertThatThrownBy(() -> inputs().open("s3://AKIAEXAMPLE:topsecret@bucket/clip.mp4"))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE))
        .hasMessageContaining("must not carry credentials")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void open_unsupportedScheme_failsAsInputNamingTheScheme() {
    assertThatThrownBy(() -> inputs().open("https://example.com/clip.mp4"))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE))
        .hasMessageContaining("unsupported input URL scheme \"https\"");
  }
}
