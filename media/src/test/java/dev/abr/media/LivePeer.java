package dev.abr.media;

import dev.abr.testkit.media.BundledFfmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real peer process started by a test: the bundled ffmpeg sending or serving a live stream (for
 * an RTSP server, see testkit's {@code RtspTestServer}). Closing it kills it. Its output goes to a
 * log file, shown on failure.
 */
final class LivePeer implements AutoCloseable {
  private final Process process;
  private final Path log;

  private LivePeer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the bundled ffmpeg with {@code args}. */
  static LivePeer ffmpeg(List<String> args, Path folder) {
    try {
      Path log = Files.createTempFile(folder, "ffmpeg-", ".log");
      List<String> all =
          new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "warning"));
      all.addAll(args);
      Process process =
          BundledFfmpeg.command(BundledFfmpeg.ffmpeg(), all)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new LivePeer(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True while the process runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself; fails past {@code timeout}. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("peer still running after " + timeout + ": " + output());
    }
    return process.exitValue();
  }

  /** Kills the process at once (SIGKILL): a peer that vanishes without a goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** What the process printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /**
   * A UDP port that was free on loopback a moment ago (the kernel picked it). Another process may
   * take it before the test binds it; the ephemeral range makes that unlikely.
   */
  static int freeUdpPort() {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The FFmpeg arguments of a live lavfi source: testsrc2 320x180 at 25 fps, 1 s GOP, + AAC. */
  static List<String> liveTestSource(int seconds, boolean audio) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-re",
            "-f",
            "lavfi",
            "-i",
            String.format(Locale.ROOT, "testsrc2=size=320x180:rate=25:duration=%d", seconds)));
    if (audio) {
      args.addAll(
          List.of(
              "-re",
              "-f",
              "lavfi",
              "-i",
              String.format(
                  Locale.ROOT, "sine=frequency=997:sample_rate=48000:duration=%d", seconds)));
    }
    args.addAll(
        List.of(
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "zerolatency",
            "-g",
            "25",
            "-keyint_min",
            "25",
            "-pix_fmt",
            "yuv420p",
            "-threads",
            "1"));
    if (audio) {
      args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
    }
    return args;
  }
}
