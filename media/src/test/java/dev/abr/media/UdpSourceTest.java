package dev.abr.media;

import static dev.abr.media.SrtSourceTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MPEG-TS over UDP (unicast, multicast on loopback) and RTP, sent by the bundled ffmpeg. */
class UdpSourceTest {
  private static final LiveOptions OPTIONS =
      LiveOptions.DEFAULT
          .withOpenTimeout(Duration.ofSeconds(5))
          .withReadTimeout(Duration.ofMillis(1500));

  @TempDir Path folder;

  @Test
  void openNetwork_multicastOnLoopback_receivesPackets() throws Exception {
    int port = LivePeer.freeUdpPort();
    // A group of its own, so parallel runs on one machine do not hear each other.
    String group =
        "239.255."
            + ThreadLocalRandom.current().nextInt(1, 255)
            + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    try (LivePeer sender =
            send(
                6,
                "udp://" + group + ":" + port + "?localaddr=127.0.0.1&ttl=1&pkt_size=1316",
                "mpegts");
        MediaSource source =
            MediaSource.openNetwork(
                URI.create("udp://" + group + ":" + port + "?localaddr=127.0.0.1"), OPTIONS)) {
      assertThat(read(source, 25)).isNotEmpty();
    }
  }

  @Test
  void openNetwork_rtpMpegts_receivesPackets() throws Exception {
    int port = LivePeer.freeUdpPort();

    try (LivePeer sender = send(6, "rtp://127.0.0.1:" + port, "rtp_mpegts");
        MediaSource source =
            MediaSource.openNetwork(URI.create("rtp://127.0.0.1:" + port), OPTIONS)) {
      assertThat(read(source, 25)).isNotEmpty();
      assertThat(source.info().container()).isEqualTo("rtp");
    }
  }

  @Test
  void next_senderStops_failsRetriableWithinReadTimeout() throws Exception {
    int port = LivePeer.freeUdpPort();

    try (LivePeer sender = send(2, "udp://127.0.0.1:" + port + "?pkt_size=1316", "mpegts");
        MediaSource source =
            MediaSource.openNetwork(URI.create("udp://127.0.0.1:" + port), OPTIONS)) {
      long lastPacket = System.nanoTime();
      PipelineException failure = null;
      try {
        Optional<SourcePacket> next;
        while ((next = source.next()).isPresent()) {
          next.get().close();
          lastPacket = System.nanoTime();
        }
      } catch (PipelineException e) {
        failure = e;
      }

      assertThat(failure).isNotNull();
      assertThat(failure.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
      assertThat(failure)
          .hasMessage(
              "udp://127.0.0.1:"
                  + port
                  + ": nothing received for 1500 ms (the source is silent, unreachable or refused us)");
      assertThat(Duration.ofNanos(System.nanoTime() - lastPacket))
          .isLessThan(OPTIONS.readTimeout().plusSeconds(2));
    }
  }

  @Test
  void openNetwork_nothingSent_failsRetriableWithinOpenTimeout() {
    int port = LivePeer.freeUdpPort();
    LiveOptions options =
        OPTIONS.withOpenTimeout(Duration.ofSeconds(1)).withReadTimeout(Duration.ofSeconds(1));
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> MediaSource.openNetwork(URI.create("udp://127.0.0.1:" + port), options))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(options.openTimeout().plusSeconds(2));
  }

  private LivePeer send(int seconds, String target, String format) {
    List<String> args = new ArrayList<>(LivePeer.liveTestSource(seconds, true));
    args.addAll(List.of("-f", format, target));
    return LivePeer.ffmpeg(args, folder);
  }
}
