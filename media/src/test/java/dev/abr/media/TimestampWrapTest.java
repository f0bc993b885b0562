package dev.abr.media;

import static dev.abr.media.LiveStreamSourceTest.of;
import static dev.abr.media.LiveStreamSourceTest.readAll;
import static dev.abr.media.LiveStreamSourceTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.message.TrackKind;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Timescales;
import dev.abr.media.LiveStreamSourceTest.Stamp;
import dev.abr.testkit.media.TestMedia;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M1/M2 of the test plan: MPEG-TS timestamps (33 bits of 90 kHz) that wrap once, or again and
 * again, come out of {@link MediaSource#next()} increasing, one frame apart, with no discontinuity.
 */
class TimestampWrapTest {
  private static final long WRAP = TsTimestamps.WRAP;
  private static final long FRAME = LiveMedia.FRAME_TICKS;
  private static final long HOUR = 3600L * 90_000;

  @TempDir Path folder;

  @Test
  void next_tsWrappingTenSecondsIn_increasesOneFrameAtATime() throws IOException {
    byte[] ts = LiveMedia.ts(12, true, 2);
    long first = TsTimestamps.firstDecodeTime(ts);
    // M1: PTS/DTS start at 2^33 - 10 s, so they wrap 10 s in; B-frames make DTS and PTS wrap at
    // different packets.
    TsTimestamps.rewrite(ts, t -> t - first + WRAP - 10 * 90_000);
    Path file = Files.write(folder.resolve("wrap.ts"), ts);

    List<Stamp> stamps;
    try (MediaSource source = MediaSource.openFile(file, ProbeLimits.DEFAULT)) {
      stamps = readAll(source);
    }

    List<Stamp> video = of(stamps, TrackKind.VIDEO);
    long[] videoDts = video.stream().mapToLong(Stamp::dtsTicks).toArray();
    assertThat(video).hasSize(300).noneMatch(Stamp::discontinuity);
    assertThat(videoDts[0]).isBetween(WRAP - 10 * 90_000, WRAP - 9 * 90_000);
    assertThat(steps(videoDts)).containsOnly(FRAME);
    long[] videoPts = video.stream().mapToLong(Stamp::ptsTicks).sorted().toArray();
    assertThat(steps(videoPts)).containsOnly(FRAME);
    assertThat(videoPts[videoPts.length - 1]).isGreaterThan(WRAP + 90_000);
    List<Stamp> audio = of(stamps, TrackKind.AUDIO);
    assertThat(audio).noneMatch(Stamp::discontinuity);
    assertThat(steps(audio.stream().mapToLong(Stamp::dtsTicks).toArray())).containsOnly(1920L);
    assertThat(Math.abs(audio.getFirst().dtsTicks() - videoDts[0])).isLessThan(90_000);
  }

  @Test
  void next_tsWrappingFourTimes_staysContinuous() throws IOException {
    Path file = Files.write(folder.resolve("wraps.ts"), fourWraps());
    LiveOptions options =
        LiveOptions.DEFAULT.withMaxTimestampStep(MediaTime.of(2 * HOUR, Timescales.SOURCE));

    List<Stamp> video;
    try (MediaSource source =
        MediaSource.openStream(Files.newInputStream(file), "mpegts", "wraps", options)) {
      video = of(readAll(source), TrackKind.VIDEO);
    }

    long[] dts = video.stream().mapToLong(Stamp::dtsTicks).toArray();
    assertThat(video).hasSize(150).noneMatch(Stamp::discontinuity);
    assertThat(dts[0]).isEqualTo(WRAP - 90_000);
    assertThat(Arrays.copyOfRange(steps(dts), 0, 49)).containsOnly(FRAME);
    assertThat(Arrays.copyOfRange(steps(dts), 50, 149)).containsOnly(HOUR);
    assertThat(dts[dts.length - 1] / WRAP).isEqualTo(4);
  }

  @Test
  void libavformat_tsWrappingFourTimes_jumpsBackOnItsOwn() throws IOException {
    // What FFmpeg does without our unrolling (correct_ts_overflow on, as by default): it corrects
    // one wrap relative to a reference near the first timestamp, and a later wrap comes out as a
    // backward jump. If this starts failing, FFmpeg learnt to unroll: the unroller still agrees.
    Path file = Files.write(folder.resolve("wraps.ts"), fourWraps());

    String csv =
        TestMedia.probe(
            List.of(
                "-v",
                "error",
                "-select_streams",
                "v",
                "-show_entries",
                "packet=dts",
                "-of",
                "csv=p=0",
                file.toString()));

    long[] dts =
        csv.lines()
            .filter(l -> !l.isBlank())
            .mapToLong(l -> Long.parseLong(l.split(",")[0].trim()))
            .toArray();
    assertThat(Arrays.stream(steps(dts)).min().orElseThrow()).isLessThan(-HOUR);
  }

  @Test
  void next_udpLiveStreamWrappingThreeSecondsIn_increasesOneFrameAtATime() throws Exception {
    int port = LivePeer.freeUdpPort();
    List<String> args = new ArrayList<>(LivePeer.liveTestSource(6, true));
    // 2^33 - 3 s, in seconds: the stream wraps about three seconds after it starts.
    args.addAll(List.of("-output_ts_offset", "95440.7177", "-f", "mpegts"));
    args.add("udp://127.0.0.1:" + port + "?pkt_size=1316");
    LiveOptions options = LiveOptions.DEFAULT.withReadTimeout(Duration.ofSeconds(3));

    List<Stamp> stamps = new ArrayList<>();
    try (LivePeer sender = LivePeer.ffmpeg(args, folder);
        MediaSource source =
            MediaSource.openNetwork(URI.create("udp://127.0.0.1:" + port), options)) {
      Optional<SourcePacket> next;
      while ((next = source.next()).isPresent()) {
        try (SourcePacket packet = next.get()) {
          stamps.add(
              new Stamp(
                  packet.kind(), packet.dtsTicks(), packet.ptsTicks(), packet.discontinuity()));
          if (packet.kind() == TrackKind.VIDEO && packet.dtsTicks() > WRAP + 90_000) {
            break;
          }
        }
      }
      assertThat(sender.isAlive()).as(sender.output()).isTrue();
    }

    List<Stamp> video = of(stamps, TrackKind.VIDEO);
    long[] dts = video.stream().mapToLong(Stamp::dtsTicks).toArray();
    assertThat(dts[0]).isLessThan(WRAP);
    assertThat(dts[dts.length - 1]).isGreaterThan(WRAP);
    assertThat(video).noneMatch(Stamp::discontinuity);
    assertThat(steps(dts)).containsOnly(FRAME);
    List<Stamp> audio = of(stamps, TrackKind.AUDIO);
    assertThat(audio).isNotEmpty().noneMatch(Stamp::discontinuity);
    assertThat(audio.stream().mapToLong(Stamp::dtsTicks).toArray()).isSorted();
  }

  /**
   * 6 s of video, no B-frames, from 2^33 - 1 s: 2 s at 25 fps (wrapping once, and enough for
   * probing), then frames an hour apart, which wrap three more times within 100 frames.
   */
  private static byte[] fourWraps() {
    byte[] ts = LiveMedia.ts(6, false, 0);
    long first = TsTimestamps.firstDecodeTime(ts);
    long normal = 2 * 90_000;
    TsTimestamps.rewrite(
        ts,
        t -> {
          long elapsed = t - first;
          long stretched =
              elapsed < normal ? elapsed : normal + (elapsed - normal) * (HOUR / FRAME);
          return WRAP - 90_000 + stretched;
        });
    return ts;
  }
}
