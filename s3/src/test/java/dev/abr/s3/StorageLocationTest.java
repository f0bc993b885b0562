package dev.abr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageLocationTest {
  @Test
  void parse_folderPath_isThatFolder() {
    assertThat(StorageLocation.parse("/data/abr"))
        .isEqualTo(new FolderLocation(Path.of("/data/abr")));
  }

  @Test
  void parse_relativeFolderPath_isMadeAbsolute() {
    assertThat(StorageLocation.parse("out"))
        .isEqualTo(new FolderLocation(Path.of("out").toAbsolutePath()));
  }

  @Test
  void parse_fileUrl_isThatFolder() {
    assertThat(StorageLocation.parse("file:///data/abr"))
        .isEqualTo(new FolderLocation(Path.of("/data/abr")));
  }

  @Test
  void parse_fileUrlWithHost_fails() {
    assertThatThrownBy(() -> StorageLocation.parse("file://server/data"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad file URL for storage: use file:///absolute/folder or a plain folder path");
  }

  @Test
  void parse_bucketOnly_isTheBucketRootOnAws() {
    assertThat(StorageLocation.parse("s3://media"))
        .isEqualTo(new S3Location("media", "", Optional.empty(), false, Optional.empty()));
  }

  @Test
  void parse_everyParameter_isTheFullLocation() {
    assertThat(
            StorageLocation.parse(
                "s3://media/abr/work?endpoint=http://127.0.0.1:9000&pathStyle=true"
                    + "&region=eu-west-1"))
        .isEqualTo(
            new S3Location(
                "media",
                "abr/work",
                Optional.of(URI.create("http://127.0.0.1:9000")),
                true,
                Optional.of("eu-west-1")));
  }

  @Test
  void parse_endpointWithoutOtherParameters_defaultsToPathStyleInUsEast1() {
    S3Location location =
        (S3Location) StorageLocation.parse("s3://media/abr?endpoint=https://minio.example:9000");

    assertThat(location.pathStyle()).isTrue();
    assertThat(location.region()).contains("us-east-1");
  }

  @Test
  void parse_pathStyleFalse_isKept() {
    S3Location location =
        (S3Location)
            StorageLocation.parse("s3://media?endpoint=https://s3.example&pathStyle=false");

    assertThat(location.pathStyle()).isFalse();
  }

  @Test
  void parse_slashesAroundPrefix_areDropped() {
    assertThat(((S3Location) StorageLocation.parse("s3://media//abr/")).prefix()).isEqualTo("abr");
  }

  @Test
  void parse_percentEncodedEndpoint_isDecoded() {
    assertThat(
            ((S3Location)
                    StorageLocation.parse("s3://media?endpoint=http%3A%2F%2F127.0.0.1%3A9000"))
                .endpoint())
        .contains(URI.create("http://127.0.0.1:9000"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"My_Bucket", "ab", "a..b", "192.168.1.10", "-media", "media-", "xn--media"})
  void parse_badBucketName_failsNamingTheRule(String bucket) {
    assertThatThrownBy(() -> StorageLocation.parse("s3://" + bucket + "/abr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bad S3 bucket name \""
                + bucket
                + "\": use 3-63 lowercase letters, digits, dots and hyphens, starting and ending"
                + " with a letter or digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://", "s3:///abr", "s3://?endpoint=http://127.0.0.1:9000"})
  void parse_noBucket_failsSayingSo(String text) {
    assertThatThrownBy(() -> StorageLocation.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("S3 storage URL names no bucket: write s3://bucket or s3://bucket/prefix");
  }

  @Test
  void parse_credentialsInUrl_failsWithoutEchoingThem() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://AKIDCANARY:canary-secret@media/abr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("S3 storage URL must not carry credentials")
        .hasMessageNotContaining("AKIDCANARY")
        .hasMessageNotContaining("canary-secret");
  }

  @Test
  void parse_unknownParameter_failsNamingOnlyTheParameter() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://media/abr?secretKey=canary-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown S3 storage URL parameter \"secretKey\" (known: endpoint, pathStyle, region;"
                + " credentials never go in the URL)");
  }

  @Test
  void parse_endpointWithUserInfo_failsWithoutEchoingIt() {
    assertThatThrownBy(
            () -> StorageLocation.parse("s3://media?endpoint=http://key:canary-secret@127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bad S3 endpoint: use http://host:port or https://host, with no user info, path or"
                + " query");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1", "127.0.0.1:9000", "http://127.0.0.1:9000/base"})
  void parse_endpointNotABareHttpUrl_fails(String endpoint) {
    assertThatThrownBy(() -> StorageLocation.parse("s3://media?endpoint=" + endpoint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad S3 endpoint");
  }

  @Test
  void parse_pathStyleNotBoolean_fails() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://media?pathStyle=yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("S3 storage URL parameter pathStyle must be true or false, not \"yes\"");
  }

  @Test
  void parse_parameterTwice_fails() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://media?region=a&region=b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("S3 storage URL parameter \"region\" is given twice");
  }

  @Test
  void parse_badRegion_fails() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://media?region=EU_West"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad S3 region \"EU_West\": use a name like us-east-1");
  }

  @Test
  void parse_prefixWithTraversal_failsNamingThePart() {
    assertThatThrownBy(() -> StorageLocation.parse("s3://media/abr/../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad S3 key prefix: storage key \"abr/../etc\" has a bad part");
  }

  @Test
  void parse_otherScheme_failsNamingIt() {
    assertThatThrownBy(() -> StorageLocation.parse("gs://media/abr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported storage URL scheme \"gs\": use a folder path or s3://bucket/prefix");
  }

  @Test
  void parse_blank_fails() {
    assertThatThrownBy(() -> StorageLocation.parse(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storage location is empty: give a folder path or s3://bucket/prefix");
  }

  @Test
  void describe_s3WithEndpoint_namesBucketPrefixAndHost() {
    assertThat(StorageLocation.parse("s3://media/abr?endpoint=http://127.0.0.1:9000").describe())
        .isEqualTo("s3://media/abr (127.0.0.1:9000)");
  }

  @Test
  void describe_s3OnAws_namesTheAwsHost() {
    assertThat(StorageLocation.parse("s3://media?region=eu-west-1").describe())
        .isEqualTo("s3://media (s3.eu-west-1.amazonaws.com)");
  }

  @Test
  void objectKey_storeKey_isJoinedToThePrefix() {
    assertThat(S3Location.of("media", "abr").objectKey("out/main.m3u8"))
        .isEqualTo("abr/out/main.m3u8");
    assertThat(S3Location.of("media", "").objectKey("out/main.m3u8")).isEqualTo("out/main.m3u8");
  }

  @Test
  void open_missingFolder_createsALocalStore(@TempDir Path folder) throws IOException {
    ObjectStore store = StorageLocation.parse(folder.resolve("new/store").toString()).open();

    assertThat(store).isInstanceOf(LocalObjectStore.class);
    assertThat(folder.resolve("new/store")).isDirectory();
  }

  @Test
  void s3Credentials_toString_hidesBothParts() {
    assertThat(new S3Credentials("AKIDCANARY", "canary-secret"))
        .hasToString("S3Credentials[redacted]");
  }
}
