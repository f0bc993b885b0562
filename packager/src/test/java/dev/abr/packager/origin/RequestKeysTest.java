package dev.abr.packager.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestKeysTest {
  @Test
  void fromRawPath_plainKey_isThatKey() {
    assertThat(RequestKeys.fromRawPath("/720p/0.m4s")).hasValue("720p/0.m4s");
  }

  @Test
  void fromRawPath_encodedAllowedCharacters_areDecoded() {
    assertThat(RequestKeys.fromRawPath("/720p/%30.m4s")).hasValue("720p/0.m4s");
  }

  @Test
  void fromRawPath_encodedDotDot_isEmpty() {
    assertThat(RequestKeys.fromRawPath("/a/%2E%2e/b")).isEmpty();
  }

  @Test
  void fromRawPath_malformedEscape_isEmpty() {
    assertThat(RequestKeys.fromRawPath("/a%2")).isEmpty();
  }

  @Test
  void fromRawPath_encodedNul_isEmpty() {
    assertThat(RequestKeys.fromRawPath("/a%00.m4s")).isEmpty();
  }

  @Test
  void fromRawPath_doubleSlash_isEmpty() {
    assertThat(RequestKeys.fromRawPath("/a//b")).isEmpty();
  }

  @Test
  void fromRawPath_root_isEmpty() {
    assertThat(RequestKeys.fromRawPath("/")).isEmpty();
  }
}
