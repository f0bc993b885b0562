package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SrtServerSettingsTest {
  private static final InetSocketAddress ANY =
      new InetSocketAddress(SrtServerSettings.DEFAULT_PORT);

  @Test
  void defaults_areLiveModeTsValues() {
    assertThat(SrtServerSettings.defaults(ANY))
        .isEqualTo(
            new SrtServerSettings(
                ANY,
                Duration.ofMillis(120),
                64,
                Duration.ofSeconds(5),
                16,
                Duration.ofSeconds(10),
                1316,
                0,
                8 << 20));
  }

  @Test
  void loopback_bindsAFreePortOn127001() {
    InetSocketAddress address = SrtServerSettings.loopback().bindAddress();

    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    assertThat(address.getPort()).isZero();
  }

  @Test
  void withers_changeOneValueEach() {
    SrtServerSettings settings =
        SrtServerSettings.defaults(ANY)
            .withReadTimeout(Duration.ofSeconds(1))
            .withMaxConnections(2)
            .withTsBufferBytes(4096)
            .withKeyLengthBytes(32);

    assertThat(settings)
        .isEqualTo(
            new SrtServerSettings(
                ANY,
                Duration.ofMillis(120),
                2,
                Duration.ofSeconds(1),
                16,
                Duration.ofSeconds(10),
                1316,
                32,
                4096));
  }

  @Test
  void keyLength_otherThanAesSizes_isRefused() {
    assertThatThrownBy(() -> SrtServerSettings.defaults(ANY).withKeyLengthBytes(20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyLengthBytes");
  }

  @Test
  void tsBuffer_smallerThanOneMessage_isRefused() {
    assertThatThrownBy(() -> SrtServerSettings.defaults(ANY).withTsBufferBytes(1455))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tsBufferBytes");
  }

  @Test
  void readTimeout_zero_isRefused() {
    assertThatThrownBy(() -> SrtServerSettings.defaults(ANY).withReadTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxConnections_zero_isRefused() {
    assertThatThrownBy(() -> SrtServerSettings.defaults(ANY).withMaxConnections(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConnections");
  }
}
