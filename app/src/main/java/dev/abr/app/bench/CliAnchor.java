package dev.abr.app.bench;

import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.media.ScalingCascade;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The anchor: the ffmpeg command line producing the same ladder in one process — decode once,
 * {@code split}, {@code scale} (bicubic) per rung, one libx264 encoder per rung with the same
 * preset, profile, level, bit rate, VBV, GOP and no scene-cut key frames, AAC once — as HLS fMP4
 * with segments of the same target duration.
 */
final class CliAnchor {
  /** Which picture the anchor scales each rung from. */
  enum Scaling {
    /** Every rung from the source picture, as the benchmark's issue defines the anchor. */
    DIRECT,
    /** Like the pipeline: some rungs from a larger rung's picture ({@link ScalingCascade}). */
    CASCADED;

    /** {@code direct} or {@code cascaded}, in any case. */
    static Scaling parse(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "direct" -> DIRECT;
        case "cascaded" -> CASCADED;
        default ->
            throw new IllegalArgumentException(
                "--anchor-scaling must be direct or cascaded, not '" + value + "'");
      };
    }
  }

  private CliAnchor() {}

  /**
   * The ffmpeg arguments (without the executable) writing the package under {@code out}.
   *
   * @param sourceWidth width of the pictures the rungs are scaled from, for {@code CASCADED}
   * @param sourceHeight height of those pictures
   */
  static List<String> arguments(
      Path source,
      VideoPlan video,
      Optional<AudioPlan> audio,
      int segmentSeconds,
      Path out,
      Scaling scaling,
      int sourceWidth,
      int sourceHeight) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source.toString()));
    List<VideoRendition> rungs = video.renditions();
    StringBuilder graph = new StringBuilder("[0:v]");
    if (video.deinterlace()) {
      graph.append("bwdif=mode=send_frame:parity=auto:deint=all,");
    }
    int[] parents = new int[rungs.size()];
    if (scaling == Scaling.CASCADED) {
      parents = ScalingCascade.parents(rungs, sourceWidth, sourceHeight);
    } else {
      java.util.Arrays.fill(parents, ScalingCascade.SOURCE);
    }
    List<Integer> fromSource = new ArrayList<>();
    for (int i = 0; i < rungs.size(); i++) {
      if (parents[i] == ScalingCascade.SOURCE) {
        fromSource.add(i);
      }
    }
    graph.append("fps=").append(video.frameRate()).append(",split=").append(fromSource.size());
    for (int i : fromSource) {
      graph.append("[s").append(i).append(']');
    }
    for (int i = 0; i < rungs.size(); i++) {
      List<Integer> children = new ArrayList<>();
      for (int j = 0; j < rungs.size(); j++) {
        if (parents[j] == i) {
          children.add(j);
        }
      }
      VideoRendition r = rungs.get(i);
      graph.append(
          String.format(
              Locale.ROOT,
              ";[s%d]scale=%d:%d:flags=bicubic,setsar=1,format=yuv420p",
              i,
              r.width(),
              r.height()));
      if (children.isEmpty()) {
        graph.append("[o").append(i).append(']');
      } else {
        // This rung's picture is also the input of the rungs scaled from it.
        graph.append(",split=").append(children.size() + 1).append("[o").append(i).append(']');
        for (int j : children) {
          graph.append("[s").append(j).append(']');
        }
      }
    }
    args.addAll(List.of("-filter_complex", graph.toString()));
    for (int i = 0; i < rungs.size(); i++) {
      args.addAll(List.of("-map", "[o" + i + "]"));
    }
    audio.ifPresent(a -> args.addAll(List.of("-map", "0:a:0")));
    args.addAll(
        List.of(
            "-c:v",
            "libx264",
            "-g",
            Integer.toString(video.gopFrames()),
            "-keyint_min",
            Integer.toString(video.gopFrames()),
            "-x264-params",
            "scenecut=0:open-gop=0"));
    for (int i = 0; i < rungs.size(); i++) {
      VideoRendition r = rungs.get(i);
      args.addAll(
          List.of(
              "-preset:v:" + i,
              r.preset(),
              "-profile:v:" + i,
              r.profile(),
              "-level:v:" + i,
              r.level(),
              "-b:v:" + i,
              Long.toString(r.bitrateBitsPerSecond()),
              "-maxrate:v:" + i,
              Long.toString(r.maxrateBitsPerSecond()),
              "-bufsize:v:" + i,
              Long.toString(r.bufferSizeBits())));
    }
    audio.ifPresent(
        a ->
            args.addAll(
                List.of(
                    "-c:a",
                    "aac",
                    "-b:a",
                    Long.toString(a.bitrateBitsPerSecond()),
                    "-ac",
                    Integer.toString(a.channels()),
                    "-ar",
                    Integer.toString(a.sampleRate()),
                    "-aac_pns",
                    "0")));
    StringBuilder map = new StringBuilder();
    for (int i = 0; i < rungs.size(); i++) {
      map.append(i > 0 ? " " : "")
          .append("v:")
          .append(i)
          .append(audio.isPresent() ? ",agroup:a" : "");
    }
    if (audio.isPresent()) {
      map.append(" a:0,agroup:a,default:yes");
    }
    args.addAll(
        List.of(
            "-f",
            "hls",
            "-hls_time",
            Integer.toString(segmentSeconds),
            "-hls_playlist_type",
            "vod",
            "-hls_segment_type",
            "fmp4",
            "-hls_flags",
            "independent_segments",
            "-master_pl_name",
            "main.m3u8",
            "-var_stream_map",
            map.toString(),
            out.resolve("%v").resolve("playlist.m3u8").toString()));
    return args;
  }
}
