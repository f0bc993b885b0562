package dev.abr.app.bench;

import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
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
  private CliAnchor() {}

  /** The ffmpeg arguments (without the executable) writing the package under {@code out}. */
  static List<String> arguments(
      Path source, VideoPlan video, Optional<AudioPlan> audio, int segmentSeconds, Path out) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source.toString()));
    List<VideoRendition> rungs = video.renditions();
    StringBuilder graph = new StringBuilder("[0:v]");
    if (video.deinterlace()) {
      graph.append("bwdif=mode=send_frame:parity=auto:deint=all,");
    }
    graph.append("fps=").append(video.frameRate()).append(",split=").append(rungs.size());
    for (int i = 0; i < rungs.size(); i++) {
      graph.append("[s").append(i).append(']');
    }
    for (int i = 0; i < rungs.size(); i++) {
      VideoRendition r = rungs.get(i);
      graph.append(
          String.format(
              Locale.ROOT,
              ";[s%d]scale=%d:%d:flags=bicubic,setsar=1,format=yuv420p[o%d]",
              i,
              r.width(),
              r.height(),
              i));
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
