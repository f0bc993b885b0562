package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SrtPassphraseTest {
  @Test
  void of_tenToSeventyNineBytes_isAccepted() {
    assertThat(SrtPassphrase.of("a".repeat(10)).utf8()).hasSize(10);
    assertThat(SrtPassphrase.of("a".repeat(79)).utf8()).hasSize(79);
  }

  @Test
  void of_nineBytes_isRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> SrtPassphrase.of("secret-99"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 9")
        .hasMessageNotContaining("secret-99");
  }

  @Test
  void of_eightyBytes_isRefused() {
    assertThatThrownBy(() -> SrtPassphrase.of("a".repeat(80)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_multiByteCharacters_countsUtf8Bytes() {
    // 40 characters of two bytes each: 80 bytes, one too many for libsrt.
    assertThatThrownBy(() -> SrtPassphrase.of("é".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void utf8_isAFreshCopyEachTime() {
    SrtPassphrase passphrase = SrtPassphrase.of("correct-horse-battery");
    byte[] first = passphrase.utf8();
    first[0] = 0;

    assertThat(passphrase.utf8())
        .isEqualTo("correct-horse-battery".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void toString_isRedacted() {
    assertThat(SrtPassphrase.of("correct-horse-battery")).hasToString("SrtPassphrase[redacted]");
  }

  @Test
  void granted_toString_showsTheStreamIdAndNotThePassphrase() {
    String text =
        SrtAuthorization.grant("cam-1", SrtPassphrase.of("correct-horse-battery")).toString();

    assertThat(text).contains("cam-1").doesNotContain("correct-horse-battery");
  }

  @Test
  void granted_invalidStreamId_isRefused() {
    assertThatThrownBy(
            () -> SrtAuthorization.grant("cam/1", SrtPassphrase.of("correct-horse-battery")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
