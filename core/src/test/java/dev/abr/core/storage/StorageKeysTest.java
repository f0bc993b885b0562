package dev.abr.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeysTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "main.m3u8",
        "renditions/live-1/720p/000042.m4s",
        "a..b/c",
        "_x/y-z.json",
      })
  void check_wellFormedKey_returnsIt(String key) {
    assertThat(StorageKeys.check(key)).isEqualTo(key);
  }

  @Test
  void check_parentTraversal_isRejectedNamingThePart() {
    assertThatThrownBy(() -> StorageKeys.check("out/../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "storage key \"out/../../etc/passwd\" has a bad part \"..\""
                + " (parts use A-Z a-z 0-9 _ . - and do not start with a dot)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "./a", "a/.", "a/./b"})
  void check_dotParts_areRejected(String key) {
    assertThatThrownBy(() -> StorageKeys.check(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "a//b", "a/", "a\\b", "C:/x", "a b"})
  void check_absoluteEmptyPartsOrOddCharacters_areRejected(String key) {
    assertThatThrownBy(() -> StorageKeys.check(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {".tmp-main.m3u8", "a/.hidden", ".git/config"})
  void check_hiddenParts_areRejected(String key) {
    assertThatThrownBy(() -> StorageKeys.check(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not start with a dot");
  }

  @Test
  void check_controlCharacters_areRejectedAndMaskedInTheMessage() {
    assertThatThrownBy(() -> StorageKeys.check("a/b\nc\u0000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("storage key \"a/b?c?\" has a bad part \"b?c?\"");
  }

  @Test
  void check_empty_isRejected() {
    assertThatThrownBy(() -> StorageKeys.check(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storage key must be 1 to 1024 characters: \"\"");
  }

  @Test
  void check_over1024Characters_isRejected() {
    String key = ("a".repeat(100) + "/").repeat(10) + "b".repeat(15);

    assertThat(key).hasSize(1025);
    assertThatThrownBy(() -> StorageKeys.check(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("storage key must be 1 to 1024 characters");
  }

  @Test
  void check_partOf129Characters_isRejected() {
    assertThatThrownBy(() -> StorageKeys.check("a".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void join_emptyPrefix_returnsKey() {
    assertThat(StorageKeys.join("", "main.m3u8")).isEqualTo("main.m3u8");
  }

  @Test
  void join_prefixWithoutSlash_addsOne() {
    assertThat(StorageKeys.join("out/live-1", "main.m3u8")).isEqualTo("out/live-1/main.m3u8");
  }

  @Test
  void join_prefixWithSlash_doesNotDoubleIt() {
    assertThat(StorageKeys.join("out/live-1/", "main.m3u8")).isEqualTo("out/live-1/main.m3u8");
  }
}
