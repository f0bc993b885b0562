package dev.abr.testkit.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Debian's Chromium decodes through Media Source Extensions. */
class BrowserPlayerTest {
  private static BrowserPlayer browser;

  @BeforeAll
  static void startBrowser() {
    browser = BrowserPlayer.open(URI.create("data:text/html,%3Ctitle%3Emse%3C/title%3E"));
  }

  @AfterAll
  static void stopBrowser() {
    browser.close();
  }

  @Test
  void isTypeSupported_h264High_isTrue() {
    assertThat(browser.isTypeSupported("video/mp4; codecs=\"avc1.640028\"")).isTrue();
  }

  @Test
  void isTypeSupported_aacLc_isTrue() {
    assertThat(browser.isTypeSupported("audio/mp4; codecs=\"mp4a.40.2\"")).isTrue();
  }

  @Test
  void isTypeSupported_h264AndAacTogether_isTrue() {
    assertThat(browser.isTypeSupported("video/mp4; codecs=\"avc1.4d401e,mp4a.40.2\"")).isTrue();
  }

  @Test
  void isTypeSupported_hevc_isFalse() {
    // Debian's Chromium has no HEVC decoder (no platform decoder headless); an HEVC ladder
    // cannot be checked in this browser.
    assertThat(browser.isTypeSupported("video/mp4; codecs=\"hvc1.1.6.L93.B0\"")).isFalse();
  }

  @Test
  void isTypeSupported_av1_isTrue() {
    assertThat(browser.isTypeSupported("video/mp4; codecs=\"av01.0.05M.08\"")).isTrue();
  }
}
