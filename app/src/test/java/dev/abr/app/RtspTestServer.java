package dev.abr.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * GStreamer's RTSP server ({@code rtsp_server.py}; python3-gi and gir1.2-gst-rtsp-server-1.0) on a
 * free loopback port it picks itself, serving {@code rtsp://127.0.0.1:<port>/test}: live H.264
 * 640x360 at 30 fps with a key frame every second, and AAC. Closing it stops it.
 */
final class RtspTestServer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  private RtspTestServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the server, with its script and log under {@code folder}; returns once it listens. */
  static RtspTestServer start(Path folder) {
    try {
      Path script = folder.resolve("rtsp_server.py");
      try (InputStream in = RtspTestServer.class.getResourceAsStream("/rtsp_server.py")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Path log = Files.createTempFile(folder, "rtsp-server-", ".log");
      Process process =
          new ProcessBuilder(python(), script.toString()).redirectError(log.toFile()).start();
      // The server prints the port it bound, then nothing: this read returns at that line, or at
      // the end of the process if it could not start.
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
  int port() {
    return port;
  }

  /** {@code rtsp://<userInfo@>127.0.0.1:<port>/test}; {@code userInfo} may be empty. */
  String url(String userInfo) {
    return "rtsp://" + (userInfo.isEmpty() ? "" : userInfo + "@") + "127.0.0.1:" + port + "/test";
  }

  /** What the server wrote to its standard error so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
