package dev.abr.media;

import dev.abr.testkit.media.BundledFfmpeg;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real peer process started by a test: the bundled ffmpeg sending or serving a live stream, or
 * GStreamer's RTSP server. Closing it kills it. Its output goes to a log file, shown on failure.
 */
final class LivePeer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private LivePeer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
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
      return new LivePeer(process, log, -1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts GStreamer's RTSP server ({@code rtsp_server.py}, python3-gi and
   * gir1.2-gst-rtsp-server-1.0) on a free loopback port chosen by the server itself, serving {@code
   * rtsp://127.0.0.1:port/test}: H.264 (x264enc) and AAC (voaacenc), live.
   */
  static LivePeer rtspServer(Path folder) {
    try {
      Path script = folder.resolve("rtsp_server.py");
      try (var in = LivePeer.class.getResourceAsStream("/rtsp_server.py")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Path log = Files.createTempFile(folder, "rtsp-server-", ".log");
      Process process =
          new ProcessBuilder(python(), script.toString()).redirectError(log.toFile()).start();
      // The server prints the port it bound, then nothing: a blocking read with the process as the
      // only writer; it returns at that line or at the process's end.
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null) {
        process.destroyForcibly();
        throw new AssertionError("RTSP server did not start: " + Files.readString(log));
      }
      return new LivePeer(process, log, Integer.parseInt(line.trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Debian's python3, which python3-gi belongs to, even when another python3 (pyenv, a venv) comes
   * first on the PATH.
   */
  private static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** The port a server peer listens on. */
  int port() {
    return port;
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
