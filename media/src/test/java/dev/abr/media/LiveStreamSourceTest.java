package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;
import dev.abr.testkit.kafka.Awaits;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link MediaSource#openStream}: FLV and MPEG-TS byte streams, as the RTMP server hands them on.
 */
class LiveStreamSourceTest {
  private static final LiveOptions OPTIONS =
      LiveOptions.DEFAULT
          .withOpenTimeout(Duration.ofSeconds(5))
          .withReadTimeout(Duration.ofSeconds(1));
  private static final long WRAP_32_MILLIS = 1L << 32;

  /** One packet's timestamps, kept after the packet is closed. */
  record Stamp(TrackKind kind, long dtsTicks, long ptsTicks, boolean discontinuity) {}

  static List<Stamp> readAll(MediaSource source) {
    List<Stamp> stamps = new ArrayList<>();
    Optional<SourcePacket> next;
    while ((next = source.next()).isPresent()) {
      try (SourcePacket packet = next.get()) {
        stamps.add(
            new Stamp(packet.kind(), packet.dtsTicks(), packet.ptsTicks(), packet.discontinuity()));
      }
    }
    return stamps;
  }

  static List<Stamp> of(List<Stamp> stamps, TrackKind kind) {
    return stamps.stream().filter(s -> s.kind() == kind).toList();
  }

  @Test
  void openStream_flvWithAudioAndVideo_findsBothStreams() {
    byte[] flv = LiveMedia.flv(3, true, true);
    FlvTags.announceAudioAndVideo(flv);

    try (MediaSource source = MediaSource.openStream(live(flv), "flv", "stream-1", OPTIONS)) {
      assertThat(source.info().video())
          .hasValueSatisfying(v -> assertThat(v.codec()).isEqualTo("h264"));
      assertThat(source.info().audio())
          .hasValueSatisfying(a -> assertThat(a.codec()).isEqualTo("aac"));
      assertThat(source.name()).isEqualTo("stream-1");
    }
  }

  @Test
  void next_flvToItsEnd_readsEveryFrameThenEnds() {
    byte[] flv = LiveMedia.flv(3, true, true);

    try (MediaSource source =
        MediaSource.openStream(new ByteArrayInputStream(flv), "flv", "stream-1", OPTIONS)) {
      List<Stamp> stamps = readAll(source);

      assertThat(of(stamps, TrackKind.VIDEO)).hasSize(75);
      assertThat(of(stamps, TrackKind.AUDIO)).isNotEmpty();
      assertThat(source.next()).isEmpty();
    }
  }

  @Test
  void openStream_flvWithoutAudioAnnouncingIt_opensWithVideoOnly() {
    byte[] flv = LiveMedia.flv(3, true, false);
    FlvTags.announceAudioAndVideo(flv);

    try (MediaSource source = MediaSource.openStream(live(flv), "flv", "stream-1", OPTIONS)) {
      assertThat(source.info().video()).isPresent();
      assertThat(source.info().audio()).isEmpty();
    }
  }

  @Test
  void openStream_flvWithoutVideoAnnouncingIt_opensWithAudioOnly() {
    byte[] flv = LiveMedia.flv(3, false, true);
    FlvTags.announceAudioAndVideo(flv);

    try (MediaSource source = MediaSource.openStream(live(flv), "flv", "stream-1", OPTIONS)) {
      assertThat(source.info().video()).isEmpty();
      assertThat(source.info().audio()).isPresent();
    }
  }

  @Test
  void next_flvPast2To32Milliseconds_keepsIncreasingWithoutDiscontinuity() {
    byte[] flv = LiveMedia.flv(3, true, true);
    FlvTags.announceAudioAndVideo(flv);
    // Media from 2^32 - 1.5 s: the 32-bit millisecond timestamps wrap 1.5 s in.
    FlvTags.shiftMedia(flv, WRAP_32_MILLIS - 1500);

    List<Stamp> stamps;
    try (MediaSource source =
        MediaSource.openStream(new ByteArrayInputStream(flv), "flv", "stream-1", OPTIONS)) {
      stamps = readAll(source);
    }

    for (TrackKind kind : TrackKind.values()) {
      List<Stamp> track = of(stamps, kind);
      assertThat(track).isNotEmpty().noneMatch(Stamp::discontinuity);
      assertThat(track.getFirst().dtsTicks()).isLessThan(WRAP_32_MILLIS * 90);
      assertThat(track.getLast().dtsTicks()).isGreaterThan(WRAP_32_MILLIS * 90);
      assertThat(track.stream().mapToLong(Stamp::dtsTicks).toArray()).isSorted();
    }
    long[] videoDts = of(stamps, TrackKind.VIDEO).stream().mapToLong(Stamp::dtsTicks).toArray();
    assertThat(steps(videoDts)).containsOnly(LiveMedia.FRAME_TICKS);
  }

  @Test
  void next_flvJumpingBackAnHour_reportsOneDiscontinuityPerStream() {
    byte[] flv = LiveMedia.flv(3, true, true);
    FlvTags.shiftMedia(flv, 2 * 3600_000L);
    // From 1.5 s on, timestamps are an hour earlier: an encoder restarted.
    FlvTags.shiftMediaFrom(flv, 2 * 3600_000L + 1500, -3600_000L);

    List<Stamp> stamps;
    try (MediaSource source =
        MediaSource.openStream(new ByteArrayInputStream(flv), "flv", "stream-1", OPTIONS)) {
      stamps = readAll(source);
    }

    for (TrackKind kind : TrackKind.values()) {
      List<Stamp> track = of(stamps, kind);
      assertThat(track.stream().filter(Stamp::discontinuity)).hasSize(1);
      Stamp jump = track.stream().filter(Stamp::discontinuity).findFirst().orElseThrow();
      // Not rebased: the packet carries the encoder's new time, 2 h - 1 h + 1.5 s.
      assertThat(jump.dtsTicks()).isBetween(3600L * 90_000 + 1500 * 90, 3600L * 90_000 + 1600 * 90);
    }
  }

  @Test
  void openStream_twelveAtOnce_eachReadsItsOwnBytes() {
    // JavaCPP has 10 native slots per callback class; more sources than that must not mix up
    // their read and interrupt callbacks.
    List<MediaSource> sources = new ArrayList<>();
    try {
      for (int hour = 1; hour <= 12; hour++) {
        byte[] flv = LiveMedia.flv(3, true, true);
        FlvTags.shiftMedia(flv, hour * 3600_000L);
        sources.add(
            MediaSource.openStream(
                new ByteArrayInputStream(flv), "flv", "stream-" + hour, OPTIONS));
      }
      for (int hour = 1; hour <= 12; hour++) {
        try (SourcePacket first = sources.get(hour - 1).next().orElseThrow()) {
          assertThat(first.dtsTicks() / (3600L * 90_000)).isEqualTo(hour);
        }
      }
    } finally {
      sources.forEach(MediaSource::close);
    }
  }

  @Test
  void openStream_mpegts_readsVideoAndAudio() {
    byte[] ts = LiveMedia.ts(2, true, 0);

    try (MediaSource source =
        MediaSource.openStream(new ByteArrayInputStream(ts), "mpegts", "ts-1", OPTIONS)) {
      List<Stamp> stamps = readAll(source);

      assertThat(source.info().container()).isEqualTo("mpegts");
      assertThat(of(stamps, TrackKind.VIDEO)).hasSize(50);
      assertThat(of(stamps, TrackKind.AUDIO)).isNotEmpty();
    }
  }

  @Test
  void next_streamStalls_failsRetriableWithinReadTimeout() {
    byte[] flv = LiveMedia.flv(3, true, true);
    ScriptedInputStream stalling =
        new ScriptedInputStream(
            Arrays.copyOf(flv, flv.length / 2), ScriptedInputStream.After.BLOCK);

    try (MediaSource source = MediaSource.openStream(stalling, "flv", "stream-1", OPTIONS)) {
      long lastPacketNanos = System.nanoTime();
      PipelineException failure = null;
      try {
        while (source
            .next()
            .map(
                p -> {
                  p.close();
                  return p;
                })
            .isPresent()) {
          lastPacketNanos = System.nanoTime();
        }
      } catch (PipelineException e) {
        failure = e;
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - lastPacketNanos);

      assertThat(failure).isNotNull();
      assertThat(failure.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
      assertThat(failure.code().isRetriable()).isTrue();
      assertThat(failure).hasMessageStartingWith("stream-1: nothing received for 1000 ms");
      assertThat(waited).isLessThan(OPTIONS.readTimeout().plusSeconds(2));
    }
  }

  @Test
  void next_streamFails_failsRetriableWithTheCause() {
    byte[] flv = LiveMedia.flv(3, true, true);
    ScriptedInputStream failing =
        new ScriptedInputStream(Arrays.copyOf(flv, flv.length / 2), ScriptedInputStream.After.FAIL);

    try (MediaSource source = MediaSource.openStream(failing, "flv", "stream-1", OPTIONS)) {
      assertThatThrownBy(() -> readAll(source))
          .isInstanceOfSatisfying(
              PipelineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
          .hasMessage("stream-1: the stream failed (connection reset by the test)")
          .hasCauseInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void next_readingThreadInterrupted_failsPromptly() throws Exception {
    byte[] flv = LiveMedia.flv(3, true, true);
    LiveOptions patient = OPTIONS.withReadTimeout(Duration.ofSeconds(30));
    ScriptedInputStream stalling =
        new ScriptedInputStream(
            Arrays.copyOf(flv, flv.length / 2), ScriptedInputStream.After.BLOCK);
    AtomicReference<Throwable> failure = new AtomicReference<>();

    try (MediaSource source = MediaSource.openStream(stalling, "flv", "stream-1", patient)) {
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      readAll(source);
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                  });
      Awaits.until(
          "the reader waits for bytes",
          Duration.ofSeconds(10),
          () -> reader.getState() == Thread.State.TIMED_WAITING);
      long start = System.nanoTime();
      reader.interrupt();
      reader.join(Duration.ofSeconds(5));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(failure.get())
          .isInstanceOfSatisfying(
              PipelineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
          .hasMessage("stream-1: reading was interrupted");
    }
  }

  @Test
  void openStream_silentStream_failsRetriableWithinOpenTimeout() {
    ScriptedInputStream silent =
        new ScriptedInputStream(new byte[0], ScriptedInputStream.After.BLOCK);
    LiveOptions options = OPTIONS.withOpenTimeout(Duration.ofSeconds(1));
    long start = System.nanoTime();

    assertThatThrownBy(() -> MediaSource.openStream(silent, "flv", "stream-1", options))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
        .hasMessageStartingWith("stream-1: nothing received for 1000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(silent.isClosed()).isTrue();
  }

  @Test
  void close_closesTheStream() {
    byte[] flv = LiveMedia.flv(3, true, true);
    ScriptedInputStream in = new ScriptedInputStream(flv, ScriptedInputStream.After.BLOCK);

    MediaSource.openStream(in, "flv", "stream-1", OPTIONS).close();

    assertThat(in.isClosed()).isTrue();
  }

  @Test
  void openStream_formatOffTheList_isRefused() {
    ScriptedInputStream in = new ScriptedInputStream(new byte[0], ScriptedInputStream.After.END);

    assertThatThrownBy(() -> MediaSource.openStream(in, "hls", "stream-1", OPTIONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flv, mpegts");
    assertThat(in.isClosed()).isTrue();
  }

  /** {@code bytes}, then nothing, without end: a live stream whose rest has not come yet. */
  private static ScriptedInputStream live(byte[] bytes) {
    return new ScriptedInputStream(bytes, ScriptedInputStream.After.BLOCK);
  }

  static long[] steps(long[] values) {
    long[] steps = new long[values.length - 1];
    for (int i = 1; i < values.length; i++) {
      steps[i - 1] = values[i] - values[i - 1];
    }
    return steps;
  }
}
