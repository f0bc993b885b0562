package dev.abr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.storage.AbstractObjectStoreContractTest;
import dev.abr.core.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@link S3ObjectStore} on a real S3 server (s3proxy) against the contract, plus S3 particulars.
 */
class S3ObjectStoreTest extends AbstractObjectStoreContractTest {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  private static final String PREFIX = "work/abr";

  private String bucket = "";

  @Override
  protected ObjectStore createStore() throws IOException {
    bucket = S3.createBucket();
    return S3.open(bucket, PREFIX);
  }

  @Override
  protected void closeStore(ObjectStore store) {
    ((S3ObjectStore) store).close();
  }

  @Override
  protected void leaveInterruptedWrite(String key) {
    // What putFileAtomically leaves when the process dies mid-way: an unfinished multipart upload.
    String objectKey = PREFIX + "/" + key;
    String uploadId =
        S3.admin().createMultipartUpload(b -> b.bucket(bucket).key(objectKey)).uploadId();
    S3.admin()
        .uploadPart(
            b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(1),
            RequestBody.fromString("half"));
  }

  private S3ObjectStore s3() {
    return (S3ObjectStore) store();
  }

  private HeadObjectResponse head(String objectKey) {
    return S3.admin().headObject(b -> b.bucket(bucket).key(objectKey));
  }

  @Test
  void putFileAtomically_largerThanThreshold_isUploadedInPartsAndReadBackWhole(@TempDir Path folder)
      throws Exception {
    Path source = folder.resolve("source.mkv");
    byte[] bytes = new byte[(12 << 20) + 12_345]; // three 5 MiB parts, the last one short
    new Random(42).nextBytes(bytes);
    Files.write(source, bytes);

    try (S3ObjectStore store =
        S3ObjectStore.open(
            S3.location(bucket, PREFIX), S3.options().withMultipart(5 << 20, 5 << 20))) {
      store.putFileAtomically("sources/s1/000000.mkv", source);

      assertThat(head(PREFIX + "/sources/s1/000000.mkv").eTag()).endsWith("-3\"");
      assertThat(sha256(store.open("sources/s1/000000.mkv"))).isEqualTo(sha256(bytes));
      assertThat(store.size("sources/s1/000000.mkv")).isEqualTo(bytes.length);
    }
  }

  @Test
  void putFileAtomically_atThreshold_isOnePut(@TempDir Path folder) throws Exception {
    Path source = folder.resolve("chunk.mkv");
    Files.write(source, new byte[5 << 20]);

    try (S3ObjectStore store =
        S3ObjectStore.open(
            S3.location(bucket, PREFIX), S3.options().withMultipart(5 << 20, 5 << 20))) {
      store.putFileAtomically("a/chunk.mkv", source);
    }

    assertThat(head(PREFIX + "/a/chunk.mkv").eTag()).doesNotContain("-");
  }

  @Test
  void readRange_acrossPartBoundaryOfMultipartObject_returnsThoseBytes(@TempDir Path folder)
      throws Exception {
    Path source = folder.resolve("big.bin");
    byte[] bytes = new byte[(10 << 20) + 7];
    new Random(3).nextBytes(bytes);
    Files.write(source, bytes);
    int boundary = 5 << 20;

    try (S3ObjectStore store =
        S3ObjectStore.open(
            S3.location(bucket, PREFIX), S3.options().withMultipart(5 << 20, 5 << 20))) {
      store.putFileAtomically("big.bin", source);

      assertThat(store.read("big.bin", boundary - 1000, 2000))
          .isEqualTo(Arrays.copyOfRange(bytes, boundary - 1000, boundary + 1000));
    }
  }

  @Test
  void putAtomically_key_isStoredUnderThePrefix() throws IOException {
    store().putAtomically("out/s1/main.m3u8", utf8("#EXTM3U\n"));

    assertThat(head(PREFIX + "/out/s1/main.m3u8").contentLength()).isEqualTo(8);
  }

  @Test
  void putAtomically_playlist_getsItsContentType() throws IOException {
    store().putAtomically("out/s1/main.m3u8", utf8("#EXTM3U\n"));
    store().putAtomically("out/s1/manifest.mpd", utf8("<MPD/>"));
    store().putAtomically("out/s1/720p/1.m4s", new byte[8]);

    assertThat(head(PREFIX + "/out/s1/main.m3u8").contentType())
        .isEqualTo("application/vnd.apple.mpegurl");
    assertThat(head(PREFIX + "/out/s1/manifest.mpd").contentType())
        .isEqualTo("application/dash+xml");
    assertThat(head(PREFIX + "/out/s1/720p/1.m4s").contentType()).isEqualTo("video/iso.segment");
  }

  @Test
  void list_twoStoresWithDifferentPrefixesInOneBucket_doNotSeeEachOther() throws IOException {
    // "work/abr2" starts with "work/abr": the prefix must end at a "/".
    try (S3ObjectStore other = S3.open(bucket, PREFIX + "2")) {
      store().putAtomically("a/mine.txt", utf8("mine"));
      other.putAtomically("a/theirs.txt", utf8("theirs"));

      assertThat(store().list("")).containsExactly("a/mine.txt");
      assertThat(other.list("")).containsExactly("a/theirs.txt");
      assertThat(store().exists("a/theirs.txt")).isFalse();
      assertThat(other.read("a/theirs.txt")).isEqualTo(utf8("theirs"));
    }
  }

  @Test
  void list_rootStore_seesBothPrefixedStoresUnderTheirPrefixes() throws IOException {
    try (S3ObjectStore other = S3.open(bucket, PREFIX + "2");
        S3ObjectStore root = S3.open(bucket, "")) {
      store().putAtomically("x", utf8("1"));
      other.putAtomically("y", utf8("2"));

      assertThat(root.list("")).containsExactly("work/abr/x", "work/abr2/y");
    }
  }

  @Test
  void list_folderMarkerObject_isNotListed() throws IOException {
    S3.admin()
        .putObject(b -> b.bucket(bucket).key(PREFIX + "/a/"), RequestBody.fromBytes(new byte[0]));
    store().putAtomically("a/x", utf8("x"));

    assertThat(store().list("a")).containsExactly("a/x");
  }

  @Test
  void putAtomically_keyBeyondS3KeyLength_isRejectedBeforeWriting() throws IOException {
    String key = ("k".repeat(100) + "/").repeat(10) + "x".repeat(10); // 1020, 1029 with prefix

    assertThatThrownBy(() -> store().putAtomically(key, utf8("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than S3's 1024-byte limit");
    assertThat(store().list("")).isEmpty();
  }

  @Test
  void localFile_close_deletesTheDownload() throws IOException {
    store().putAtomically("a/chunk.mkv", utf8("matroska"));
    Path path;

    try (ObjectStore.LocalFile file = store().localFile("a/chunk.mkv")) {
      path = file.path();
      assertThat(path.getFileName()).hasToString("chunk.mkv");
      assertThat(path).hasContent("matroska");
    }

    assertThat(path).doesNotExist();
    assertThat(path.getParent()).doesNotExist();
  }

  @Test
  void describe_namesBucketPrefixAndHostButNoCredential() {
    assertThat(store().describe())
        .isEqualTo("s3://" + bucket + "/work/abr (127.0.0.1:" + S3.endpoint().getPort() + ")")
        .doesNotContain(S3.credentials().accessKeyId())
        .doesNotContain(S3.credentials().secretAccessKey());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream digesting = new DigestInputStream(in, digest)) {
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
