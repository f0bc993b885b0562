package dev.abr.media;

import static dev.abr.media.LiveStreamSourceTest.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.media.LiveStreamSourceTest.Stamp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SRT with the bundled ffmpeg (libsrt) as the peer: our listener, our caller, encryption. */
class SrtSourceTest {
  private static final String PASSPHRASE = "srt-test-passphrase-1";
  private static final LiveOptions OPTIONS =
      LiveOptions.DEFAULT
          .withOpenTimeout(Duration.ofSeconds(8))
          .withReadTimeout(Duration.ofSeconds(2));

  @TempDir Path folder;

  @Test
  void openNetwork_listenerWithPassphrase_receivesFromFfmpegCaller() throws Exception {
    int port = LivePeer.freeUdpPort();

    List<Stamp> stamps;
    try (LivePeer caller = publish(port, "&passphrase=" + PASSPHRASE);
        MediaSource source =
            MediaSource.openNetwork(
                URI.create("srt://127.0.0.1:" + port + "?mode=listener&passphrase=" + PASSPHRASE),
                OPTIONS)) {
      stamps = read(source, 25);
      assertThat(source.name())
          .isEqualTo("srt://127.0.0.1:" + port + "?mode=listener&passphrase=***");
    }

    assertThat(source(stamps)).isNotEmpty();
  }

  @Test
  void openNetwork_listenerCalledWithWrongPassphrase_failsRetriableAndCallerIsRefused()
      throws Exception {
    int port = LivePeer.freeUdpPort();
    LiveOptions options = OPTIONS.withOpenTimeout(Duration.ofSeconds(3));
    long start = System.nanoTime();

    try (LivePeer caller = publish(port, "&passphrase=wrong-passphrase-2")) {
      assertThatThrownBy(
              () ->
                  MediaSource.openNetwork(
                      URI.create(
                          "srt://127.0.0.1:" + port + "?mode=listener&passphrase=" + PASSPHRASE),
                      options))
          .isInstanceOfSatisfying(
              PipelineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
          .hasMessageNotContaining(PASSPHRASE)
          .hasMessageNotContaining("wrong-passphrase-2");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(options.openTimeout().plusSeconds(2));
      assertThat(caller.waitFor(Duration.ofSeconds(10))).as(caller.output()).isNotZero();
    }
  }

  @Test
  void openNetwork_listenerCalledWithoutPassphrase_failsRetriableAndCallerIsRefused()
      throws Exception {
    int port = LivePeer.freeUdpPort();
    LiveOptions options = OPTIONS.withOpenTimeout(Duration.ofSeconds(3));

    try (LivePeer caller = publish(port, "")) {
      assertThatThrownBy(
              () ->
                  MediaSource.openNetwork(
                      URI.create(
                          "srt://127.0.0.1:" + port + "?mode=listener&passphrase=" + PASSPHRASE),
                      options))
          .isInstanceOfSatisfying(
              PipelineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
      assertThat(caller.waitFor(Duration.ofSeconds(10))).as(caller.output()).isNotZero();
    }
  }

  @Test
  void openNetwork_callerWithStreamIdAndLatency_receivesFromFfmpegListener() throws Exception {
    int port = LivePeer.freeUdpPort();

    List<Stamp> stamps;
    try (LivePeer listener = serve(port);
        MediaSource source =
            MediaSource.openNetwork(
                URI.create(
                    "srt://127.0.0.1:" + port + "?mode=caller&streamid=live/cam-1&latency=200000"),
                OPTIONS)) {
      stamps = read(source, 25);
      assertThat(source.name())
          .isEqualTo("srt://127.0.0.1:" + port + "?mode=caller&streamid=***&latency=200000");
    }

    assertThat(source(stamps)).isNotEmpty();
  }

  @Test
  void next_peerKilled_endsOrFailsRetriableWithinReadTimeout() throws Exception {
    int port = LivePeer.freeUdpPort();

    try (LivePeer listener = serve(port);
        MediaSource source =
            MediaSource.openNetwork(
                URI.create("srt://127.0.0.1:" + port + "?mode=caller"), OPTIONS)) {
      read(source, 10);
      listener.kill();
      long killed = System.nanoTime();

      Optional<PipelineException> failure = drain(source);

      failure.ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - killed))
          .isLessThan(OPTIONS.readTimeout().plusSeconds(2));
    }
  }

  /** The bundled ffmpeg publishing 10 s of live MPEG-TS to our listener on {@code port}. */
  private LivePeer publish(int port, String passphrase) {
    List<String> args = new ArrayList<>(LivePeer.liveTestSource(10, true));
    args.addAll(
        List.of(
            "-f",
            "mpegts",
            // It keeps knocking for 10 s, so it may start before our listener.
            "srt://127.0.0.1:"
                + port
                + "?mode=caller&connect_timeout=10000&pkt_size=1316"
                + passphrase));
    return LivePeer.ffmpeg(args, folder);
  }

  /** The bundled ffmpeg as an SRT listener on {@code port}, sending 10 s of live MPEG-TS. */
  private LivePeer serve(int port) {
    List<String> args = new ArrayList<>(LivePeer.liveTestSource(10, true));
    args.addAll(
        List.of("-f", "mpegts", "srt://127.0.0.1:" + port + "?mode=listener&pkt_size=1316"));
    return LivePeer.ffmpeg(args, folder);
  }

  /** Reads until {@code videoPackets} video packets came, checking timestamps as it goes. */
  static List<Stamp> read(MediaSource source, int videoPackets) {
    List<Stamp> stamps = new ArrayList<>();
    while (of(stamps, TrackKind.VIDEO).size() < videoPackets) {
      try (SourcePacket packet = source.next().orElseThrow()) {
        stamps.add(
            new Stamp(packet.kind(), packet.dtsTicks(), packet.ptsTicks(), packet.discontinuity()));
      }
    }
    for (TrackKind kind : TrackKind.values()) {
      List<Stamp> track = of(stamps, kind);
      assertThat(track).as(kind.toString()).noneMatch(Stamp::discontinuity);
      assertThat(track.stream().mapToLong(Stamp::dtsTicks).toArray())
          .as(kind.toString())
          .isSorted();
    }
    return stamps;
  }

  /** Reads until the end; the failure that ended it, if any. */
  static Optional<PipelineException> drain(MediaSource source) {
    try {
      Optional<SourcePacket> next;
      while ((next = source.next()).isPresent()) {
        next.get().close();
      }
      return Optional.empty();
    } catch (PipelineException e) {
      return Optional.of(e);
    }
  }

  private static List<Stamp> source(List<Stamp> stamps) {
    assertThat(of(stamps, TrackKind.AUDIO)).isNotEmpty();
    return of(stamps, TrackKind.VIDEO);
  }
}
