package dev.abr.testkit.media;

import dev.abr.core.time.Rational;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The product's bad-input list as small real files: hostile, damaged, unsupported or over-limit
 * sources, plus awkward but valid ones (video only, audio only, variable frame rate, open GOP,
 * interlaced MPEG-2). Each file is made once with the bundled FFmpeg (or written directly when it
 * is not media) and cached under {@link TestMedia#cacheDir()} by a hash of its recipe, like {@link
 * TestMedia}. Every file is under 600 kB.
 *
 * <p>Methods are safe to call from several test classes at once (a file is written to a temporary
 * name, then moved into place atomically). They throw {@link IllegalStateException} if FFmpeg fails
 * and {@link UncheckedIOException} if the cache folder cannot be written.
 */
public final class BadMedia {
  /** Where an MP4 keeps its {@code moov} (the index every sample is found through). */
  public enum MoovPosition {
    /** {@code moov} before {@code mdat} ({@code -movflags +faststart}), as for streaming. */
    FIRST,
    /** {@code moov} after {@code mdat}, as an encoder writes it when it finishes. */
    LAST
  }

  /** Length of {@link #mp4}, in seconds. */
  public static final int MP4_SECONDS = 4;

  private static final List<String> QUIET =
      List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y");
  private static final List<String> BITEXACT =
      List.of("-threads", "1", "-fflags", "+bitexact", "-flags:v", "+bitexact");

  private BadMedia() {}

  /**
   * An intact {@value #MP4_SECONDS} s MP4: 320x240 H.264 at 30 fps (one key frame per second, no
   * B-frames) plus AAC mono 48 kHz, about 450 kB. The starting point of {@link #truncatedMp4}.
   */
  public static Path mp4(MoovPosition moov) {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=30:duration=" + MP4_SECONDS,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=997:sample_rate=48000:duration=" + MP4_SECONDS,
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "30",
            "-c:a",
            "aac",
            "-b:a",
            "64k"));
    args.addAll(BITEXACT);
    if (moov == MoovPosition.FIRST) {
      args.addAll(List.of("-movflags", "+faststart"));
    }
    args.addAll(List.of("-f", "mp4", "OUT"));
    return ffmpeg(args, "mp4");
  }

  /**
   * The first half of the bytes of {@link #mp4}{@code (moov)}, as left by an interrupted upload.
   * With {@link MoovPosition#LAST} the {@code moov} is gone, so nothing can be read; with {@link
   * MoovPosition#FIRST} the index is complete but points past the end of the file, so the file
   * opens and declares {@value #MP4_SECONDS} s while only about half of the media is there.
   */
  public static Path truncatedMp4(MoovPosition moov) {
    Path whole = mp4(moov);
    return cached(
        "first half of " + whole.getFileName(),
        "mp4",
        out -> {
          long half = Files.size(whole) / 2;
          try (InputStream in = Files.newInputStream(whole);
              OutputStream target = Files.newOutputStream(out)) {
            target.write(in.readNBytes(Math.toIntExact(half)));
          }
        });
  }

  /** Five 64x48 frames of FFV1 (lossless, decodable, not on the codec allow-list) in Matroska. */
  public static Path ffv1Matroska() {
    return tinyVideo(List.of("-c:v", "ffv1"), "matroska", "mkv");
  }

  /** Five 64x48 frames of uncompressed YUV 4:2:0 ({@code rawvideo}) in AVI. */
  public static Path rawVideoAvi() {
    return tinyVideo(List.of("-c:v", "rawvideo", "-pix_fmt", "yuv420p"), "avi", "avi");
  }

  /** Half a second of mono 8 kHz Microsoft ADPCM ({@code adpcm_ms}) in WAV, about 2 kB. */
  public static Path adpcmWav() {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=997:sample_rate=8000:duration=0.5",
            "-c:a",
            "adpcm_ms",
            "-fflags",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            "-f",
            "wav",
            "OUT"));
    return ffmpeg(args, "wav");
  }

  /**
   * One flat grey H.264 frame of {@code width}x{@code height} in MP4 (about 40 kB for 4608x2592): a
   * picture size that is expensive to decode, made cheaply.
   */
  public static Path singleFrame(int width, int height) {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "color=c=gray:size=" + width + "x" + height + ":rate=1",
            "-frames:v",
            "1",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p"));
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", "mp4", "OUT"));
    return ffmpeg(args, "mp4");
  }

  /**
   * Two 64x48 H.264 frames, the second shown 13 hours after the first, in {@code container} ({@code
   * mp4} or {@code mkv}): a 4 kB file that declares a duration of 46 801 s.
   */
  public static Path thirteenHours(String container) {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=64x48:rate=1",
            "-frames:v",
            "2",
            "-vf",
            "setpts=N*13*3600/TB",
            "-fps_mode",
            "passthrough",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast"));
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", muxer(container), "OUT"));
    return ffmpeg(args, container);
  }

  /**
   * A quarter of a second of 8 kHz 16-bit PCM with {@code channels} channels (3 to 64) in {@code
   * container} ({@code wav} or {@code mkv}); 10 channels make 40 kB.
   */
  public static Path pcmChannels(int channels, String container) {
    if (channels < 3 || channels > 64) {
      throw new IllegalArgumentException("channels must be 3 to 64: " + channels);
    }
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=997:sample_rate=8000:duration=0.25",
            "-ac",
            Integer.toString(channels),
            "-c:a",
            "pcm_s16le",
            "-fflags",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            "-f",
            muxer(container),
            "OUT"));
    return ffmpeg(args, container);
  }

  /** An {@code ffconcat} playlist naming two local files, with the {@code .ffconcat} extension. */
  public static Path ffconcatPlaylist() {
    return text(
        "ffconcat version 1.0\nfile 'part-1.mp4'\nfile '/etc/passwd'\nduration 4\n", "ffconcat");
  }

  /**
   * An HLS media playlist saved with the {@code .mp4} extension; with {@code byteOrderMark} it
   * starts with a UTF-8 byte order mark, as some Windows editors write it.
   */
  public static Path hlsPlaylistNamedMp4(boolean byteOrderMark) {
    return text(
        (byteOrderMark ? "\uFEFF" : "")
            + "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n"
            + "#EXTINF:4.0,\nfile:///etc/passwd\n#EXTINF:4.0,\nsegment-1.ts\n#EXT-X-ENDLIST\n",
        "mp4");
  }

  /** 64 KiB of (seeded, so always the same) random bytes named {@code .mp4}. */
  public static Path randomBytesNamedMp4() {
    return cached(
        "random 65536 bytes seed 1",
        "mp4",
        out -> {
          byte[] bytes = new byte[65_536];
          new SplittableRandom(1).nextBytes(bytes);
          Files.write(out, bytes);
        });
  }

  /** A 320x240 baseline JPEG picture (about 10 kB) named {@code .mov}. */
  public static Path jpegNamedMov() {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=1",
            "-frames:v",
            "1",
            "-c:v",
            "mjpeg"));
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", "mjpeg", "OUT"));
    return ffmpeg(args, "mov");
  }

  /** Two seconds of 320x240 H.264 at 30 fps in MP4, without audio: a valid input. */
  public static Path videoOnly() {
    return TestMedia.generate(MediaSpec.h264Aac(320, 240, Rational.of(30), 2).withoutAudio());
  }

  /** Two seconds of AAC stereo 48 kHz in MP4, without video: a valid input. */
  public static Path audioOnly() {
    return TestMedia.generate(MediaSpec.h264Aac(320, 240, Rational.of(30), 2).withoutVideo());
  }

  /**
   * Two seconds of 160x90 H.264 in MP4 whose 60 frames are 1/30 s apart on average but jitter by up
   * to ±6 ms (as from a phone camera), on a 1/90 000 time base; about 90 kB.
   */
  public static Path jitteryThirtyFps() {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=160x90:rate=30:duration=2",
            "-vf",
            "settb=1/90000,setpts='(N/30+0.006*sin(N*1.7))/TB'",
            "-fps_mode",
            "passthrough",
            "-enc_time_base",
            "1/90000",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "30"));
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", "mp4", "OUT"));
    return ffmpeg(args, "mp4");
  }

  /** One second of 160x90 H.264 at 30 fps followed by one second at 15 fps, in MP4; 73 kB. */
  public static Path thirtyThenFifteenFps() {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=160x90:rate=30:duration=1",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=160x90:rate=15:duration=1",
            "-filter_complex",
            "[0:v][1:v]concat=n=2:v=1[v]",
            "-map",
            "[v]",
            "-fps_mode",
            "passthrough",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "30"));
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", "mp4", "OUT"));
    return ffmpeg(args, "mp4");
  }

  /**
   * Two seconds of 320x180 H.264 at 25 fps in MP4 with open GOPs, about 70 kB: an I-frame every 12
   * frames and always 2 B-frames between references, so the two B-frames that follow each non-first
   * I-frame in decode order are shown before it and refer to the previous GOP. (A fixed B-frame
   * pattern is needed: with x264's adaptive B-frames, {@code MediaSpec}'s {@code openGop} files put
   * a P-frame after each I-frame, which makes the GOPs closed in practice.)
   */
  public static Path openGop() {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25:duration=2",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-x264-params",
            "scenecut=0:open-gop=1:b-adapt=0",
            "-bf",
            "2",
            "-g",
            "12",
            "-keyint_min",
            "12"));
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", "mp4", "OUT"));
    return ffmpeg(args, "mp4");
  }

  /**
   * One second of PAL MPEG-2 in MPEG-TS: 720x576, 25 interlaced frames per second, top field first,
   * 4:3 display aspect ratio (sample aspect ratio 16/15), an I-frame every 12 frames, 2 B-frames,
   * fixed quantiser 16; about 150 kB.
   */
  public static Path mpeg2InterlacedPal() {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=720x576:rate=25:duration=1",
            "-c:v",
            "mpeg2video",
            "-top",
            "1",
            "-aspect",
            "4:3",
            "-q:v",
            "16",
            "-g",
            "12",
            "-bf",
            "2",
            // One -flags:v for all three: a second one would replace, not add to, the first.
            "-flags:v",
            "+ildct+ilme+bitexact",
            "-threads",
            "1",
            "-fflags",
            "+bitexact",
            "-f",
            "mpegts",
            "OUT"));
    return ffmpeg(args, "ts");
  }

  private static Path tinyVideo(List<String> codec, String muxer, String ext) {
    List<String> args = new ArrayList<>(QUIET);
    args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10", "-frames:v", "5"));
    args.addAll(codec);
    args.addAll(BITEXACT);
    args.addAll(List.of("-f", muxer, "OUT"));
    return ffmpeg(args, ext);
  }

  private static String muxer(String container) {
    return switch (container) {
      case "mp4" -> "mp4";
      case "mkv" -> "matroska";
      case "wav" -> "wav";
      default -> throw new IllegalArgumentException("unsupported test container " + container);
    };
  }

  /** Runs ffmpeg with {@code args}, where the output path is the argument {@code OUT}. */
  private static Path ffmpeg(List<String> args, String ext) {
    return cached(
        "ffmpeg " + String.join("\u0000", args),
        ext,
        out ->
            TestMedia.run(args.stream().map(a -> a.equals("OUT") ? out.toString() : a).toList()));
  }

  private static Path text(String content, String ext) {
    return cached(
        "text " + content, ext, out -> Files.writeString(out, content, StandardCharsets.UTF_8));
  }

  @FunctionalInterface
  private interface Recipe {
    void writeTo(Path out) throws IOException;
  }

  private static Path cached(String recipeText, String ext, Recipe recipe) {
    Path dir = TestMedia.cacheDir();
    Path file = dir.resolve("bad-" + hash(recipeText) + "." + ext);
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".gen-", "." + ext);
      try {
        recipe.writeTo(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
