package dev.abr.ingest.live.srt;

import dev.abr.testkit.media.BundledFfmpeg;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The bundled FFmpeg as an SRT caller, and the bundled ffprobe to check what was received. */
final class SrtClients {
  private SrtClients() {}

  /** What ffprobe finds in a transport stream. */
  record Probe(List<String> streams, double durationSeconds) {}

  /**
   * The caller URL for {@code streamId} (URL-encoded, so {@code #!::} syntax survives) on {@code
   * port} of 127.0.0.1, with AES-128 and {@code passphrase} unless it is null. A refused handshake
   * fails within the 5 s connect timeout.
   */
  static String url(int port, String streamId, @Nullable String passphrase) {
    StringBuilder url =
        new StringBuilder("srt://127.0.0.1:")
            .append(port)
            .append("?mode=caller&transtype=live&connect_timeout=5000&streamid=")
            .append(URLEncoder.encode(streamId, StandardCharsets.UTF_8));
    if (passphrase != null) {
      url.append("&pbkeylen=16&passphrase=")
          .append(URLEncoder.encode(passphrase, StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  /**
   * FFmpeg arguments publishing {@code seconds} of testsrc2 + a sine tone, H.264 + AAC in MPEG-TS,
   * paced in real time ({@code -re}) as a live encoder sends, to {@code target}.
   */
  static List<String> liveTs(int seconds, String target) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-hide_banner", "-nostdin", "-loglevel", "error"));
    args.addAll(
        List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds));
    args.addAll(
        List.of(
            "-re",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=997:sample_rate=48000:duration=" + seconds));
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
            "-pix_fmt",
            "yuv420p"));
    args.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-threads", "1"));
    args.addAll(List.of("-f", "mpegts", target));
    return args;
  }

  /** Starts the bundled ffmpeg with {@code args}, its output going to {@code log}. */
  static Process ffmpeg(List<String> args, Path log) throws IOException {
    return BundledFfmpeg.command(BundledFfmpeg.ffmpeg(), args)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Waits for {@code process} and returns its exit code; kills it and fails past {@code timeout}.
   */
  static int waitFor(Process process, Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ffmpeg still running after " + timeout);
    }
    return process.exitValue();
  }

  /**
   * The streams ({@code codec_type/codec_name}, by stream index) and duration of the transport
   * stream {@code file}.
   */
  static Probe probe(Path file) throws IOException, InterruptedException {
    String streams =
        ffprobe(file, "-show_entries", "stream=index,codec_type,codec_name", "-of", "csv=p=0");
    String duration = ffprobe(file, "-show_entries", "format=duration", "-of", "csv=p=0");
    // ffprobe lists a TS's streams twice, in its program and on their own: keep one per index.
    Map<String, String> byIndex = new TreeMap<>();
    for (String line : streams.split("\n")) {
      String[] fields = line.trim().split(",");
      if (fields.length == 3) {
        byIndex.put(fields[0], fields[2] + "/" + fields[1]);
      }
    }
    return new Probe(List.copyOf(byIndex.values()), Double.parseDouble(duration.trim()));
  }

  private static String ffprobe(Path file, String... query)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(file.getParent(), "ffprobe", ".txt");
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    args.addAll(List.of(query));
    args.add(file.toString());
    Process process =
        BundledFfmpeg.command(BundledFfmpeg.ffprobe(), args)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    int exit = waitFor(process, Duration.ofSeconds(60));
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new AssertionError("ffprobe failed on " + file + ": " + text);
    }
    return text;
  }
}
