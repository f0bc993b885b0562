package dev.abr.core.ladder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The video part of a ladder.
 *
 * @param codec {@code h264}
 * @param preset x264 preset name, for example {@code veryfast}
 * @param rungs rungs from the highest to the lowest; names unique
 */
public record VideoLadder(String codec, String preset, List<VideoRung> rungs) {
  private static final Set<String> PRESETS =
      Set.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow",
          "placebo");

  public VideoLadder {
    if (!codec.equals("h264")) {
      throw new IllegalArgumentException(
          "video codec \"" + codec + "\" is not supported (use h264)");
    }
    if (!PRESETS.contains(preset)) {
      throw new IllegalArgumentException(
          "unknown x264 preset \"" + preset + "\" (use one of " + PRESETS + ")");
    }
    rungs = List.copyOf(rungs);
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("a video ladder needs at least one rung");
    }
    Set<String> names = new HashSet<>();
    for (VideoRung rung : rungs) {
      if (!names.add(rung.name()) || rung.name().equals("audio")) {
        throw new IllegalArgumentException(
            "rung name \"" + rung.name() + "\" is used twice or reserved");
      }
    }
  }
}
