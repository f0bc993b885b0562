package dev.abr.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "job-2025_03", "ABC123", "-", "_"})
  void isValid_lettersDigitsUnderscoreDash_isTrue(String id) {
    assertThat(Ids.isValid(id)).isTrue();
  }

  @Test
  void isValid_64Characters_isTrue() {
    assertThat(Ids.isValid("a".repeat(64))).isTrue();
  }

  @Test
  void isValid_65Characters_isFalse() {
    assertThat(Ids.isValid("a".repeat(65))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a/b", "..", "a.b", "é", "a\nb", "a\u0000"})
  void isValid_anythingElse_isFalse(String id) {
    assertThat(Ids.isValid(id)).isFalse();
  }

  @Test
  void check_valid_returnsIt() {
    assertThat(Ids.check("stream id", "live-1")).isEqualTo("live-1");
  }

  @Test
  void check_invalid_namesWhatAndRule() {
    assertThatThrownBy(() -> Ids.check("stream id", "../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream id \"../etc\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void check_controlCharacters_areMaskedInTheMessage() {
    assertThatThrownBy(() -> Ids.check("job id", "a\nb\u001b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job id \"a?b?\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void check_veryLongValue_isShortenedInTheMessage() {
    assertThatThrownBy(() -> Ids.check("job id", "x".repeat(200)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "job id \"" + "x".repeat(80) + "…\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void random_length_isValidIdOfThatLength() {
    String id = Ids.random(12);

    assertThat(id).hasSize(12).matches("[a-z0-9]{12}");
  }

  @Test
  void slug_fileName_isLowerCaseWithDashes() {
    assertThat(Ids.slug("My Movie (2024).MP4", 64)).isEqualTo("my-movie-2024-mp4");
  }

  @Test
  void slug_accentedLetters_becomeDashesAndAreTrimmed() {
    assertThat(Ids.slug("Été à Paris", 64)).isEqualTo("t-paris");
  }

  @Test
  void slug_longText_isCutWithoutTrailingDash() {
    assertThat(Ids.slug("abcd efgh", 5)).isEqualTo("abcd");
  }

  @Test
  void slug_maxLengthAbove64_isCappedToAValidId() {
    String slug = Ids.slug("x".repeat(100), 100);

    assertThat(slug).hasSize(64);
    assertThat(Ids.isValid(slug)).isTrue();
  }

  @Test
  void slug_nothingUsable_isMedia() {
    assertThat(Ids.slug("¿¡!?", 64)).isEqualTo("media");
  }

  @Test
  void slug_maxLengthBelowFive_isRejected() {
    assertThatThrownBy(() -> Ids.slug("abc", 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slug maxLength must be at least 5: 4");
  }
}
