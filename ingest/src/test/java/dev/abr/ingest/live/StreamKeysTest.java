package dev.abr.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamKeysTest {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path folder;

  @Test
  void key_isStableFor_theSameSecretIdAndGeneration() {
    assertThat(StreamKeys.of(SECRET).key("studio", 0))
        .isEqualTo(StreamKeys.of(SECRET).key("studio", 0));
  }

  @Test
  void key_differsBy_idAndGeneration() {
    StreamKeys keys = StreamKeys.of(SECRET);

    assertThat(keys.key("studio", 0))
        .isNotEqualTo(keys.key("studio", 1))
        .isNotEqualTo(keys.key("studio2", 0));
  }

  @Test
  void key_is32LettersAndDigits_soItIsAValidSrtPassphrase() {
    assertThat(StreamKeys.of(SECRET).key("studio", 0)).matches("[A-Za-z0-9]{32}");
  }

  @Test
  void shortSecret_isRejected() {
    assertThatThrownBy(() -> StreamKeys.fromBase64("c2hvcnQ=", "ABR_STREAM_SECRET"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ABR_STREAM_SECRET decodes to 5 bytes");
  }

  @Test
  void loadOrCreate_writesAnOwnerOnlySecretOnce() throws Exception {
    Path file = folder.resolve("stream-secret");

    String first = StreamKeys.loadOrCreate(file).key("studio", 0);
    String again = StreamKeys.loadOrCreate(file).key("studio", 0);

    assertThat(again).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
