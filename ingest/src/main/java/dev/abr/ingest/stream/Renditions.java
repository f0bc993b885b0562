package dev.abr.ingest.stream;

import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.TrackKind;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.time.Timescales;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The renditions a stream declares to the packager, and a one-line probe summary. */
public final class Renditions {
  private Renditions() {}

  /** Video renditions highest first, then audio. */
  public static List<RenditionInfo> of(StreamState state) {
    List<RenditionInfo> renditions = new ArrayList<>();
    VideoPlan video = state.videoPlan;
    if (video != null) {
      for (VideoRendition r : video.renditions()) {
        renditions.add(
            new RenditionInfo(
                r.name(),
                TrackKind.VIDEO,
                video.timescale(),
                r.bitrateBitsPerSecond(),
                r.width(),
                r.height(),
                Optional.of(video.frameRate()),
                0,
                0,
                Optional.empty()));
      }
    }
    AudioPlan audio = state.audioPlan;
    if (audio != null) {
      renditions.add(
          new RenditionInfo(
              audio.name(),
              TrackKind.AUDIO,
              Timescales.forAudio(audio.sampleRate()),
              audio.bitrateBitsPerSecond(),
              0,
              0,
              Optional.empty(),
              audio.sampleRate(),
              audio.channels(),
              Optional.empty()));
    }
    return renditions;
  }

  /** {@code name: h264 1920x1080 30 fps, aac 48000 Hz 2 ch, 30.0 s; renditions …}. */
  public static String describe(String name, SourceInfo info, StreamState state) {
    StringBuilder text = new StringBuilder(name).append(": ");
    info.video()
        .ifPresent(
            v ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        "%s %dx%d %s fps%s%s",
                        v.codec(),
                        v.width(),
                        v.height(),
                        v.frameRate(),
                        v.interlaced() ? " interlaced" : "",
                        v.rotationDegrees() != 0 ? " rotated " + v.rotationDegrees() : "")));
    info.audio()
        .ifPresent(
            a ->
                text.append(info.video().isPresent() ? ", " : "")
                    .append(
                        String.format(
                            Locale.ROOT,
                            "%s %d Hz %d ch",
                            a.codec(),
                            a.sampleRate(),
                            a.channels())));
    if (info.duration().ticks() > 0) {
      text.append(
          String.format(
              Locale.ROOT, ", %.1f s", info.duration().ticks() / (double) Timescales.SOURCE));
    }
    text.append("; renditions ")
        .append(of(state).stream().map(RenditionInfo::name).collect(Collectors.joining(" ")));
    return text.toString();
  }
}
