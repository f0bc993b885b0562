package dev.abr.testkit.media;

import dev.abr.core.time.Rational;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A short synthetic source: a moving {@code testsrc2} picture and/or a continuous stereo tone (997
 * Hz left, 1499 Hz right: neither period divides 48 000 samples evenly, so any gap or repeat shows
 * as a phase jump).
 *
 * @param video the video stream, if any
 * @param audio the audio stream, if any
 * @param durationSeconds length in whole seconds
 * @param container output container: {@code mp4}, {@code mkv}, {@code ts}, {@code mov}
 */
public record MediaSpec(
    Optional<Video> video, Optional<Audio> audio, int durationSeconds, String container) {

  /**
   * The video stream.
   *
   * @param codec {@code h264} (libx264) or {@code hevc} (libx265) or {@code mpeg2video}
   * @param width coded width
   * @param height coded height
   * @param frameRate frame rate
   * @param gopFrames key frame interval (fixed, no scene-cut key frames)
   * @param bFrames B-frames between references (0 for none)
   * @param interlaced encode as interlaced (top field first)
   * @param rotationDegrees display-matrix rotation written into the container (0 for none)
   * @param openGop allow open GOPs (x264 {@code open-gop=1})
   */
  public record Video(
      String codec,
      int width,
      int height,
      Rational frameRate,
      int gopFrames,
      int bFrames,
      boolean interlaced,
      int rotationDegrees,
      boolean openGop) {}

  /**
   * The audio stream.
   *
   * @param codec {@code aac}, {@code mp3}, {@code opus}, {@code pcm_s16le}
   * @param sampleRate sample rate
   * @param channels channel count (1, 2 or 6)
   */
  public record Audio(String codec, int sampleRate, int channels) {}

  /** 640x360 H.264 at {@code frameRate}, 2 s GOP, 2 B-frames, plus AAC stereo 48 kHz, in MP4. */
  public static MediaSpec h264Aac(int width, int height, Rational frameRate, int durationSeconds) {
    int gop = (int) Math.round(2.0 * frameRate.numerator() / frameRate.denominator());
    return new MediaSpec(
        Optional.of(new Video("h264", width, height, frameRate, gop, 2, false, 0, false)),
        Optional.of(new Audio("aac", 48_000, 2)),
        durationSeconds,
        "mp4");
  }

  public MediaSpec withContainer(String value) {
    return new MediaSpec(video, audio, durationSeconds, value);
  }

  public MediaSpec withVideo(Video value) {
    return new MediaSpec(Optional.of(value), audio, durationSeconds, container);
  }

  public MediaSpec withoutVideo() {
    return new MediaSpec(Optional.empty(), audio, durationSeconds, container);
  }

  public MediaSpec withAudio(Audio value) {
    return new MediaSpec(video, Optional.of(value), durationSeconds, container);
  }

  public MediaSpec withoutAudio() {
    return new MediaSpec(video, Optional.empty(), durationSeconds, container);
  }

  /** This spec without display rotation (rotation is added by a stream-copy remux). */
  MediaSpec withoutRotation() {
    return video
        .filter(v -> v.rotationDegrees() != 0)
        .map(
            v ->
                withVideo(
                    new Video(
                        v.codec(),
                        v.width(),
                        v.height(),
                        v.frameRate(),
                        v.gopFrames(),
                        v.bFrames(),
                        v.interlaced(),
                        0,
                        v.openGop())))
        .orElse(this);
  }

  /** The ffmpeg arguments that make this file at {@code output}. */
  List<String> ffmpegArguments(String output) {
    List<String> args =
        new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
    video.ifPresent(
        v ->
            args.addAll(
                List.of(
                    "-f",
                    "lavfi",
                    "-i",
                    String.format(
                        Locale.ROOT,
                        "testsrc2=size=%dx%d:rate=%s:duration=%d",
                        v.width(),
                        v.height(),
                        v.frameRate(),
                        durationSeconds))));
    audio.ifPresent(
        a -> {
          args.addAll(
              List.of(
                  "-f",
                  "lavfi",
                  "-i",
                  String.format(
                      Locale.ROOT,
                      "sine=frequency=997:sample_rate=%d:duration=%d",
                      a.sampleRate(),
                      durationSeconds)));
          args.addAll(
              List.of(
                  "-f",
                  "lavfi",
                  "-i",
                  String.format(
                      Locale.ROOT,
                      "sine=frequency=1499:sample_rate=%d:duration=%d",
                      a.sampleRate(),
                      durationSeconds)));
        });
    int audioInput = video.isPresent() ? 1 : 0;
    audio.ifPresent(
        a -> {
          String layout =
              switch (a.channels()) {
                case 1 -> "[" + audioInput + ":a]anull[aout]";
                case 2 -> "[" + audioInput + ":a][" + (audioInput + 1) + ":a]amerge=inputs=2[aout]";
                default ->
                    "["
                        + audioInput
                        + ":a]["
                        + (audioInput + 1)
                        + ":a]amerge=inputs=2,pan="
                        + a.channels()
                        + "c|"
                        + channelMap(a.channels())
                        + "[aout]";
              };
          args.addAll(List.of("-filter_complex", layout));
        });
    video.ifPresent(v -> args.addAll(List.of("-map", "0:v")));
    audio.ifPresent(a -> args.addAll(List.of("-map", "[aout]")));
    video.ifPresent(
        v -> {
          switch (v.codec()) {
            case "h264" -> {
              String params =
                  "scenecut=0:open-gop="
                      + (v.openGop() ? 1 : 0)
                      + (v.interlaced() ? ":interlaced=1:tff=1" : "");
              args.addAll(
                  List.of(
                      "-c:v",
                      "libx264",
                      "-preset",
                      "veryfast",
                      "-pix_fmt",
                      "yuv420p",
                      "-x264-params",
                      params,
                      "-bf",
                      Integer.toString(v.bFrames())));
              if (v.interlaced()) {
                args.addAll(List.of("-flags", "+ildct+ilme", "-field_order", "tt"));
              }
            }
            case "hevc" ->
                args.addAll(
                    List.of(
                        "-c:v",
                        "libx265",
                        "-preset",
                        "ultrafast",
                        "-pix_fmt",
                        "yuv420p",
                        "-x265-params",
                        "log-level=error:scenecut=0:open-gop=0:bframes=" + v.bFrames()));
            case "mpeg2video" ->
                args.addAll(
                    List.of(
                        "-c:v", "mpeg2video", "-bf", Integer.toString(v.bFrames()), "-b:v", "4M"));
            default ->
                throw new IllegalArgumentException("unsupported test video codec " + v.codec());
          }
          args.addAll(
              List.of(
                  "-g",
                  Integer.toString(v.gopFrames()),
                  "-keyint_min",
                  Integer.toString(v.gopFrames())));
        });
    audio.ifPresent(
        a -> {
          switch (a.codec()) {
            case "aac" -> args.addAll(List.of("-c:a", "aac", "-b:a", "128k"));
            case "mp3" -> args.addAll(List.of("-c:a", "libmp3lame", "-b:a", "128k"));
            case "opus" -> args.addAll(List.of("-c:a", "libopus", "-b:a", "96k"));
            case "pcm_s16le" -> args.addAll(List.of("-c:a", "pcm_s16le"));
            default ->
                throw new IllegalArgumentException("unsupported test audio codec " + a.codec());
          }
        });
    args.addAll(
        List.of(
            "-threads",
            "1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact"));
    if (container.equals("mp4") || container.equals("mov")) {
      args.addAll(List.of("-movflags", "+faststart"));
    }
    args.addAll(
        List.of(
            "-f",
            switch (container) {
              case "mp4" -> "mp4";
              case "mov" -> "mov";
              case "mkv" -> "matroska";
              case "ts" -> "mpegts";
              default ->
                  throw new IllegalArgumentException("unsupported test container " + container);
            }));
    args.add(output);
    return args;
  }

  private static String channelMap(int channels) {
    StringBuilder map = new StringBuilder();
    for (int c = 0; c < channels; c++) {
      if (c > 0) {
        map.append('|');
      }
      map.append('c').append(c).append("=c").append(c % 2);
    }
    return map.toString();
  }
}
