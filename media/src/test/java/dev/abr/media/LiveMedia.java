package dev.abr.media;

import dev.abr.testkit.media.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Short files for the live-source tests, made once by the bundled ffmpeg (cached in {@link
 * TestMedia#cacheDir()}): testsrc2 320x180 at 25 fps with a 1 s GOP, and a 997 Hz tone in AAC.
 */
final class LiveMedia {
  /** Video frame duration on the 90 kHz clock at 25 fps. */
  static final long FRAME_TICKS = 3600;

  private LiveMedia() {}

  /** FLV with video and/or audio, as FFmpeg's FLV muxer writes it (onMetaData first). */
  static byte[] flv(int seconds, boolean video, boolean audio) {
    return read(make("flv", seconds, video, audio, 0));
  }

  /** MPEG-TS with video (B-frames when {@code bFrames} > 0) and/or audio. */
  static byte[] ts(int seconds, boolean audio, int bFrames) {
    return read(make("ts", seconds, true, audio, bFrames));
  }

  private static Path make(
      String container, int seconds, boolean video, boolean audio, int bFrames) {
    String name =
        String.format(
            Locale.ROOT,
            "live-%s-%ds-%s%s-bf%d.%s",
            container,
            seconds,
            video ? "v" : "",
            audio ? "a" : "",
            bFrames,
            container);
    Path file = TestMedia.cacheDir().resolve(name);
    if (Files.isRegularFile(file)) {
      return file;
    }
    List<String> args =
        new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
    if (video) {
      args.addAll(
          List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=" + seconds));
    }
    if (audio) {
      args.addAll(
          List.of("-f", "lavfi", "-i", "sine=frequency=997:sample_rate=48000:duration=" + seconds));
    }
    if (video) {
      args.addAll(
          List.of(
              "-c:v",
              "libx264",
              "-preset",
              "veryfast",
              "-pix_fmt",
              "yuv420p",
              "-g",
              "25",
              "-keyint_min",
              "25",
              "-x264-params",
              "scenecut=0",
              "-bf",
              Integer.toString(bFrames)));
    }
    if (audio) {
      args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
    }
    args.addAll(List.of("-threads", "1", "-fflags", "+bitexact", "-flags", "+bitexact"));
    args.addAll(List.of("-f", container.equals("ts") ? "mpegts" : "flv"));
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".gen-", "." + container);
      args.add(temp.toString());
      TestMedia.run(args);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
