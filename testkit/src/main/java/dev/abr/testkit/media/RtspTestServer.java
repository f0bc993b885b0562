package dev.abr.testkit.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * GStreamer's RTSP server, run by a test: the {@code rtsp_server.py} script beside this class
 * (needs python3-gi and gir1.2-gst-rtsp-server-1.0) on a free loopback port it picks itself,
 * serving {@code rtsp://127.0.0.1:<port>/test}: live H.264 640x360 at 30 fps with a key frame every
 * second, and AAC 48 kHz stereo, a pipeline of its own for each client. It asks for no credentials
 * and ignores any a client sends. Closing it stops it. Not thread-safe.
 */
public final class RtspTestServer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private RtspTestServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the server, extracting its script to a temporary file under {@code folder} and writing
   * its log there; returns once it listens.
   *
   * @throws AssertionError when the server exits before printing its port (its log says why)
   * @throws UncheckedIOException when the script cannot be written or the process started
   */
  public static RtspTestServer start(Path folder) {
    try {
      Path script = Files.createTempFile(folder, "rtsp_server-", ".py");
      try (InputStream in =
          Objects.requireNonNull(
              RtspTestServer.class.getResourceAsStream("rtsp_server.py"),
              "rtsp_server.py missing")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Path log = Files.createTempFile(folder, "rtsp-server-", ".log");
      Process process =
          new ProcessBuilder(python(), script.toString()).redirectError(log.toFile()).start();
      // The server prints the port it bound, then nothing: a blocking read with the process as the
      // only writer; it returns at that line, or at the end of the process if it could not start.
      String line =
          new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (line == null) {
        process.destroyForcibly();
        throw new AssertionError("the RTSP server did not start: " + Files.readString(log));
      }
      return new RtspTestServer(process, log, Integer.parseInt(line.strip()));
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

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** {@code rtsp://127.0.0.1:<port>/test}. */
  public URI uri() {
    return URI.create(url(""));
  }

  /** {@code rtsp://<userInfo@>127.0.0.1:<port>/test}; {@code userInfo} may be empty. */
  public String url(String userInfo) {
    return "rtsp://" + (userInfo.isEmpty() ? "" : userInfo + "@") + "127.0.0.1:" + port + "/test";
  }

  /** What the server wrote to its standard error so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Kills the server at once (SIGKILL): a server that vanishes without a goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s); does nothing if it has ended. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
