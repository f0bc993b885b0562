package dev.abr.ingest.live.rtmp;

import dev.abr.testkit.media.BundledFfmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real clients and ffprobe for the server tests: FFmpeg (bundled) and GStreamer (Debian). */
final class MediaTools {
  private MediaTools() {}

  /** One packet as ffprobe reports it. */
  record Packet(
      String codecType, long dtsMillis, long ptsMillis, boolean keyFrame, int sizeBytes) {}

  /**
   * FFmpeg arguments for {@code seconds} of testsrc2 + sine, libx264 + AAC, into FLV {@code
   * target}.
   */
  static List<String> h264AacToFlv(int seconds, String target, String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-hide_banner", "-nostdin", "-loglevel", "error"));
    args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds));
    args.addAll(
        List.of("-f", "lavfi", "-i", "sine=frequency=997:sample_rate=44100:duration=" + seconds));
    args.addAll(
        List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p"));
    args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
    args.addAll(List.of("-threads", "1", "-flags", "+bitexact", "-fflags", "+bitexact"));
    args.addAll(List.of(extra));
    args.addAll(List.of("-f", "flv", target));
    return args;
  }

  /** Starts the bundled ffmpeg with {@code args}, its output going to {@code log}. */
  static Process ffmpeg(List<String> args, Path log) throws IOException {
    return BundledFfmpeg.command(BundledFfmpeg.ffmpeg(), args)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Runs the bundled ffmpeg to completion and returns its exit code. */
  static int runFfmpeg(List<String> args, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return waitFor(ffmpeg(args, log), timeout);
  }

  /**
   * Waits for {@code process} and returns its exit code; kills it and fails past {@code timeout}.
   */
  static int waitFor(Process process, Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("client still running after " + timeout);
    }
    return process.exitValue();
  }

  /** Every packet of {@code file}, in file order, as the bundled ffprobe reads it. */
  static List<Packet> probe(Path file) throws IOException, InterruptedException {
    Path out = Files.createTempFile(file.getParent(), "ffprobe", ".csv");
    Process process =
        BundledFfmpeg.command(
                BundledFfmpeg.ffprobe(),
                List.of(
                    "-v",
                    "error",
                    "-show_entries",
                    "packet=codec_type,dts,pts,flags,size",
                    "-of",
                    "csv=p=0",
                    file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    int exit = waitFor(process, Duration.ofSeconds(60));
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new AssertionError("ffprobe failed on " + file + ": " + text);
    }
    List<Packet> packets = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.trim().split(",");
      if (fields.length < 5) {
        throw new AssertionError("ffprobe said: " + text);
      }
      packets.add(
          new Packet(
              fields[0],
              Long.parseLong(fields[2]),
              Long.parseLong(fields[1]),
              fields[4].startsWith("K"),
              Integer.parseInt(fields[3])));
    }
    return packets;
  }

  /** The packets of one type ("video" or "audio"). */
  static List<Packet> ofType(List<Packet> packets, String codecType) {
    return packets.stream().filter(p -> p.codecType().equals(codecType)).toList();
  }
}
