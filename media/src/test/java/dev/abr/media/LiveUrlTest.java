package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveUrlTest {
  private static final String CANARY = "canary-passphrase-4e1d";
  private static final LiveOptions OPTIONS =
      LiveOptions.DEFAULT
          .withOpenTimeout(Duration.ofSeconds(8))
          .withReadTimeout(Duration.ofSeconds(3));

  @Test
  void of_srtListener_passesQueryAsOptionsNotInTheUrl() {
    LiveUrl url =
        LiveUrl.of(
            URI.create(
                "srt://127.0.0.1:4000?mode=listener&passphrase=" + CANARY + "&latency=120000"),
            OPTIONS);

    assertThat(url.url()).isEqualTo("srt://127.0.0.1:4000");
    assertThat(url.formatName()).isEqualTo("mpegts");
    assertThat(url.protocols()).isEqualTo("srt");
    assertThat(url.options())
        .containsExactly(
            Map.entry("mode", "listener"),
            Map.entry("passphrase", CANARY),
            Map.entry("latency", "120000"),
            Map.entry("timeout", "8000000"),
            Map.entry("rw_timeout", "8000000"),
            Map.entry("listen_timeout", "8000000"));
  }

  @Test
  void of_srtCaller_setsConnectTimeoutInMilliseconds() {
    LiveUrl url = LiveUrl.of(URI.create("srt://127.0.0.1:4000"), OPTIONS);

    assertThat(url.options())
        .containsEntry("connect_timeout", "8000")
        .doesNotContainKey("listen_timeout");
  }

  @Test
  void redacted_srtPassphraseAndStreamId_areMasked() {
    LiveUrl url =
        LiveUrl.of(
            URI.create(
                "srt://127.0.0.1:4000?mode=caller&passphrase="
                    + CANARY
                    + "&streamid=publish/key-9"),
            OPTIONS);

    assertThat(url.redacted())
        .isEqualTo("srt://127.0.0.1:4000?mode=caller&passphrase=***&streamid=***");
  }

  @Test
  void redacted_rtspCredentialsAndQuery_areMasked() {
    LiveUrl url =
        LiveUrl.of(URI.create("rtsp://admin:" + CANARY + "@127.0.0.1:8554/cam?token=abc"), OPTIONS);

    assertThat(url.redacted()).isEqualTo("rtsp://***@127.0.0.1:8554/cam?***");
    assertThat(url.url()).contains(CANARY);
  }

  @Test
  void of_rtsp_setsTransportTimeoutAndPorts() {
    LiveUrl url =
        LiveUrl.of(
            URI.create("rtsp://127.0.0.1:8554/test"),
            OPTIONS.withRtsp(
                LiveOptions.RtspTransport.UDP, new LiveOptions.PortRange(40000, 40100)));

    assertThat(url.protocols()).isEqualTo("rtsp,rtp,udp,tcp");
    assertThat(url.options())
        .containsEntry("rtsp_transport", "udp")
        .containsEntry("timeout", "8000000")
        .containsEntry("min_port", "40000")
        .containsEntry("max_port", "40100")
        .doesNotContainKey("stimeout");
  }

  @Test
  void of_udpUnicast_listensOnTheHost() {
    LiveUrl url = LiveUrl.of(URI.create("udp://127.0.0.1:5000"), OPTIONS);

    assertThat(url.options())
        .containsEntry("localaddr", "127.0.0.1")
        .containsEntry("timeout", "8000000")
        .containsEntry("rw_timeout", "8000000");
  }

  @Test
  void of_udpMulticast_joinsOnLocalAddress() {
    LiveUrl url = LiveUrl.of(URI.create("udp://239.255.1.2:5000?localaddr=127.0.0.1"), OPTIONS);

    assertThat(url.url()).isEqualTo("udp://239.255.1.2:5000");
    assertThat(url.options()).containsEntry("localaddr", "127.0.0.1");
  }

  @Test
  void of_misspeltPassphrase_isRefusedWithoutItsValue() {
    assertThatThrownBy(
            () -> LiveUrl.of(URI.create("srt://127.0.0.1:4000?passphrse=" + CANARY), OPTIONS))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT))
        .hasMessageContaining("option \"passphrse\" is not taken here")
        .hasMessageNotContaining(CANARY);
  }

  @Test
  void of_shortPassphrase_isRefusedWithoutItsValue() {
    assertThatThrownBy(
            () -> LiveUrl.of(URI.create("srt://127.0.0.1:4000?passphrase=short"), OPTIONS))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "srt://127.0.0.1:4000?passphrase=***: the SRT passphrase must have 10 to 79 characters");
  }

  @Test
  void of_latencyInMilliseconds_isRefused() {
    assertThatThrownBy(() -> LiveUrl.of(URI.create("srt://127.0.0.1:4000?latency=120"), OPTIONS))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("FFmpeg takes SRT latency in microseconds");
  }

  @Test
  void of_unknownScheme_isRefused() {
    assertThatThrownBy(() -> LiveUrl.of(URI.create("http://127.0.0.1:8080/live.ts"), OPTIONS))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT))
        .hasMessageContaining("is not a live source");
  }

  @Test
  void of_missingPort_isRefused() {
    assertThatThrownBy(() -> LiveUrl.of(URI.create("udp://127.0.0.1"), OPTIONS))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("needs a port");
  }
}
