package dev.abr.packager.presentation;

import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.TrackKind;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.packager.dash.AdaptationSet;
import dev.abr.packager.dash.AspectRatio;
import dev.abr.packager.dash.ContentType;
import dev.abr.packager.dash.Descriptor;
import dev.abr.packager.dash.Mpd;
import dev.abr.packager.dash.MpdWriter;
import dev.abr.packager.dash.Period;
import dev.abr.packager.dash.Representation;
import dev.abr.packager.dash.SegmentTemplate;
import dev.abr.packager.dash.SegmentTimeline;
import dev.abr.packager.hls.HlsWriter;
import dev.abr.packager.hls.MediaPlaylist;
import dev.abr.packager.hls.MediaSegment;
import dev.abr.packager.hls.MultivariantPlaylist;
import dev.abr.packager.hls.PlaylistType;
import dev.abr.packager.hls.Rendition;
import dev.abr.packager.hls.RenditionType;
import dev.abr.packager.hls.Resolution;
import dev.abr.packager.hls.TargetDurationPolicy;
import dev.abr.packager.hls.VariantStream;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds the manifests of a finished (VOD) package from its published timelines: one HLS media
 * playlist per rendition, the HLS multivariant playlist (one variant per video rendition, audio as
 * an {@code EXT-X-MEDIA} group) and a static DASH MPD (one video AdaptationSet with every rung, one
 * audio AdaptationSet). Every rendition shares one {@code EXT-X-TARGETDURATION}: players stall when
 * variants disagree. Pure and deterministic.
 */
public final class VodManifests {
  /** The audio group id in the multivariant playlist. */
  static final String AUDIO_GROUP = "audio";

  private VodManifests() {}

  /** Builds the manifests; {@code renditions} lists video renditions highest first, then audio. */
  public static Manifests build(List<RenditionTimeline> renditions, Rational minBufferSeconds) {
    List<RenditionTimeline> video =
        renditions.stream().filter(r -> r.info().kind() == TrackKind.VIDEO).toList();
    List<RenditionTimeline> audio =
        renditions.stream().filter(r -> r.info().kind() == TrackKind.AUDIO).toList();
    if (video.isEmpty() && audio.isEmpty()) {
      throw new IllegalArgumentException("a package needs at least one rendition");
    }
    long targetSeconds = 0;
    for (RenditionTimeline rendition : renditions) {
      targetSeconds =
          Math.max(
              targetSeconds,
              TargetDurationPolicy.ceilOfLongest().targetDurationSeconds(durations(rendition)));
    }
    Map<String, String> media = new LinkedHashMap<>();
    for (RenditionTimeline rendition : renditions) {
      media.put(
          rendition.info().name(),
          HlsWriter.write(mediaPlaylist(rendition), TargetDurationPolicy.fixed(targetSeconds)));
    }
    return new Manifests(
        HlsWriter.write(multivariant(video, audio)),
        media,
        MpdWriter.write(mpd(video, audio, minBufferSeconds)));
  }

  private static List<MediaTime> durations(RenditionTimeline rendition) {
    int timescale = rendition.info().timescale();
    return rendition.segments().stream()
        .map(s -> MediaTime.of(s.durationTicks(), timescale))
        .toList();
  }

  private static MediaPlaylist mediaPlaylist(RenditionTimeline rendition) {
    MediaPlaylist.Builder builder =
        MediaPlaylist.builder()
            .version(7)
            .type(PlaylistType.VOD)
            .mediaSequence(rendition.segments().get(0).sequence())
            .map(StorageLayout.INIT)
            .independentSegments(true)
            .endList(true);
    int timescale = rendition.info().timescale();
    for (PublishedSegment segment : rendition.segments()) {
      builder.addSegment(
          MediaSegment.of(
              MediaTime.of(segment.durationTicks(), timescale),
              StorageLayout.segmentName(segment.sequence())));
    }
    return builder.build();
  }

  private static MultivariantPlaylist multivariant(
      List<RenditionTimeline> video, List<RenditionTimeline> audio) {
    List<VariantStream> variants = new ArrayList<>();
    List<Rendition> renditions = new ArrayList<>();
    Optional<RenditionTimeline> audioTrack = audio.stream().findFirst();
    if (video.isEmpty()) {
      RenditionTimeline a = audioTrack.orElseThrow();
      variants.add(
          VariantStream.audioOnly(
              a.peakBitsPerSecond(), a.averageBitsPerSecond(), a.codecs(), playlistUri(a)));
      return new MultivariantPlaylist(7, variants, renditions, true);
    }
    audioTrack.ifPresent(
        a ->
            renditions.add(
                new Rendition(
                    RenditionType.AUDIO,
                    AUDIO_GROUP,
                    "audio",
                    a.info().language(),
                    true,
                    true,
                    OptionalInt.of(a.info().channels()),
                    Optional.of(playlistUri(a)))));
    for (RenditionTimeline v : video) {
      long peak =
          v.peakBitsPerSecond() + audioTrack.map(RenditionTimeline::peakBitsPerSecond).orElse(0L);
      long average =
          v.averageBitsPerSecond()
              + audioTrack.map(RenditionTimeline::averageBitsPerSecond).orElse(0L);
      String codecs = v.codecs() + audioTrack.map(a -> "," + a.codecs()).orElse("");
      variants.add(
          new VariantStream(
              peak,
              OptionalLong.of(average),
              codecs,
              Optional.of(Resolution.of(v.info().width(), v.info().height())),
              v.info().frameRate(),
              audioTrack.map(a -> AUDIO_GROUP),
              true,
              playlistUri(v)));
    }
    return new MultivariantPlaylist(7, variants, renditions, true);
  }

  private static String playlistUri(RenditionTimeline rendition) {
    return rendition.info().name() + "/" + StorageLayout.HLS_MEDIA;
  }

  private static Mpd mpd(
      List<RenditionTimeline> video, List<RenditionTimeline> audio, Rational minBufferSeconds) {
    List<AdaptationSet> sets = new ArrayList<>();
    MediaTime duration = MediaTime.zero(1_000);
    long id = 0;
    if (!video.isEmpty()) {
      RenditionTimeline top = video.get(0);
      AdaptationSet.Builder set =
          AdaptationSet.builder(id++, ContentType.VIDEO, "video/mp4")
              .segmentAlignment(true)
              .startWithSap(1)
              .pictureAspectRatio(aspect(top.info().width(), top.info().height()));
      top.info().frameRate().ifPresent(set::frameRate);
      for (RenditionTimeline v : video) {
        set.addRepresentation(
            Representation.video(
                v.info().name(),
                v.peakBitsPerSecond(),
                v.codecs(),
                v.info().width(),
                v.info().height(),
                template(v)));
        duration = max(duration, end(v));
      }
      sets.add(set.build());
    }
    for (RenditionTimeline a : audio) {
      AdaptationSet.Builder set =
          AdaptationSet.builder(id++, ContentType.AUDIO, "audio/mp4")
              .segmentAlignment(true)
              .startWithSap(1)
              .audioChannelConfiguration(Descriptor.cicpChannelConfiguration(a.info().channels()));
      a.info().language().ifPresent(set::language);
      set.addRepresentation(
          Representation.audio(
              a.info().name(),
              a.peakBitsPerSecond(),
              a.codecs(),
              a.info().sampleRate(),
              template(a)));
      sets.add(set.build());
      duration = max(duration, end(a));
    }
    MediaTime minBuffer =
        MediaTime.of(minBufferSeconds.ticksPer(1_000, RoundingMode.CEILING), 1_000);
    return Mpd.ofStatic(
        List.of(Mpd.PROFILE_ISOFF_LIVE),
        duration,
        minBuffer,
        List.of(Period.startingAtZero("0", sets)));
  }

  private static SegmentTemplate template(RenditionTimeline rendition) {
    List<Long> durations =
        rendition.segments().stream().map(PublishedSegment::durationTicks).toList();
    return SegmentTemplate.of(
        rendition.info().timescale(),
        "$RepresentationID$/" + StorageLayout.INIT,
        "$RepresentationID$/$Number$.m4s",
        rendition.segments().get(0).sequence(),
        SegmentTimeline.contiguous(rendition.startTicks(), durations));
  }

  private static MediaTime end(RenditionTimeline rendition) {
    RenditionInfo info = rendition.info();
    return MediaTime.of(rendition.startTicks() + rendition.durationTicks(), info.timescale());
  }

  private static MediaTime max(MediaTime a, MediaTime b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static AspectRatio aspect(int width, int height) {
    int gcd =
        java.math.BigInteger.valueOf(width).gcd(java.math.BigInteger.valueOf(height)).intValue();
    return AspectRatio.of(width / gcd, height / gcd);
  }
}
