package dev.abr.packager.presentation;

import dev.abr.core.message.TrackKind;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.packager.dash.AdaptationSet;
import dev.abr.packager.dash.AspectRatio;
import dev.abr.packager.dash.ContentType;
import dev.abr.packager.dash.Descriptor;
import dev.abr.packager.dash.DynamicTiming;
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
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Renders the manifests of a {@link LivePresentation}: while it runs, sliding-window HLS media
 * playlists, a multivariant playlist and a dynamic MPD; once it has {@linkplain
 * LivePresentation#end() ended}, the VOD form (playlists with {@code EXT-X-ENDLIST}, a static MPD).
 * Pure and deterministic: the same presentation, instant and settings give the same bytes.
 *
 * <p>HLS (RFC 8216). No {@code EXT-X-PLAYLIST-TYPE} while live: segments leave the window, which
 * {@code EVENT} forbids (§4.3.3.5); {@code EVENT} only with an unbounded DVR window, where nothing
 * is ever removed. {@code EXT-X-TARGETDURATION} is fixed for the stream by {@link
 * LiveSettings#targetDurationSeconds()} (§6.2.1). {@code EXT-X-MEDIA-SEQUENCE} is the first listed
 * segment's number; {@code EXT-X-DISCONTINUITY-SEQUENCE} counts the discontinuities that slid out
 * (§6.2.2), the same in every playlist since every rendition has the flag on the same segment.
 * {@code EXT-X-PROGRAM-DATE-TIME} is on every segment: the first listed segment changes on every
 * reload, and a date per segment spares players from summing rounded {@code EXTINF}s.
 *
 * <p>{@code BANDWIDTH} while live is the declared one: each rendition's declared bit rate times
 * {@link LiveSettings#bandwidthHeadroom()}, rounded up, without {@code AVERAGE-BANDWIDTH}. Players
 * read the multivariant playlist once, DASH players must see the same {@code @bandwidth} in every
 * MPD update, and a measured peak is only known once the stream is over; the VOD form then carries
 * the measured peak and average of the listed segments, as {@link VodManifests} does.
 *
 * <p>DASH (ISO/IEC 23009-1, DASH-IF IOP). {@code availabilityStartTime} is period 0's wall-clock
 * start, fixed for the stream; each period's {@code Period@start} is its wall-clock start minus
 * that; each rendition's {@code presentationTimeOffset} is the period's start media time at the
 * rendition's timescale. So segment n of period k becomes available at {@code availabilityStartTime
 * + Period@start + (S@t + S@d - presentationTimeOffset) / timescale}, which is the wall-clock time
 * its last sample ends (its program date time plus its duration): segments are published when
 * complete, so every listed segment is available. {@code publishTime} is {@code now}, {@code
 * minimumUpdatePeriod} one segment duration, {@code timeShiftBufferDepth} the listed window (absent
 * when every segment is kept), {@code suggestedPresentationDelay} {@link
 * LiveSettings#presentationDelaySegments()} segments, and {@code UTCTiming} points at {@link
 * LiveSettings#utcTimingUrl()}.
 *
 * <p>The VOD form of the MPD is a static asset of the listed segments: periods keep their ids but
 * follow each other without gaps from 0, as the HLS playlists play, and {@code
 * mediaPresentationDuration} is their total.
 */
public final class LiveManifests {
  private LiveManifests() {}

  /**
   * Returns the manifests of {@code presentation} as published at {@code now}.
   *
   * @param now the wall-clock time of publication ({@code publishTime}), not before the first
   *     segment's date
   * @throws IllegalStateException if nothing was published yet
   * @throws IllegalArgumentException if a segment is longer than the target duration allows
   */
  public static Manifests build(LivePresentation presentation, Instant now, LiveSettings settings) {
    if (presentation.segments().isEmpty()) {
      throw new IllegalStateException("no segment published yet");
    }
    TargetDurationPolicy target = TargetDurationPolicy.fixed(settings.targetDurationSeconds());
    Map<String, String> media = new LinkedHashMap<>();
    for (int r = 0; r < presentation.renditions().size(); r++) {
      media.put(
          presentation.renditions().get(r).name(),
          HlsWriter.write(mediaPlaylist(presentation, r, settings), target));
    }
    Mpd mpd =
        presentation.ended()
            ? staticMpd(presentation, settings)
            : dynamicMpd(presentation, now, settings);
    return new Manifests(
        HlsWriter.write(multivariant(presentation, settings)), media, MpdWriter.write(mpd));
  }

  private static MediaPlaylist mediaPlaylist(
      LivePresentation presentation, int rendition, LiveSettings settings) {
    MediaPlaylist.Builder builder =
        MediaPlaylist.builder()
            .version(7)
            .mediaSequence(presentation.segments().getFirst().sequence())
            .discontinuitySequence(presentation.removedDiscontinuities())
            .map(StorageLayout.INIT)
            .independentSegments(true)
            .endList(presentation.ended());
    if (presentation.ended() && presentation.listsWholeStream()) {
      builder.type(PlaylistType.VOD);
    } else if (!presentation.ended() && settings.keepsEverySegment()) {
      builder.type(PlaylistType.EVENT);
    }
    int timescale = presentation.renditions().get(rendition).timescale();
    for (LiveSegment segment : presentation.segments()) {
      MediaSegment entry =
          MediaSegment.of(
                  MediaTime.of(segment.rendition(rendition).durationTicks(), timescale),
                  StorageLayout.segmentName(segment.sequence()))
              .withProgramDateTime(segment.programDateTime());
      builder.addSegment(segment.discontinuity() ? entry.withDiscontinuity() : entry);
    }
    return builder.build();
  }

  private static MultivariantPlaylist multivariant(
      LivePresentation presentation, LiveSettings settings) {
    List<Integer> video = indexes(presentation, TrackKind.VIDEO);
    List<Integer> audio = indexes(presentation, TrackKind.AUDIO);
    List<VariantStream> variants = new ArrayList<>();
    List<Rendition> renditions = new ArrayList<>();
    if (video.isEmpty()) {
      int a = audio.getFirst();
      variants.add(
          new VariantStream(
              bandwidth(presentation, a, settings),
              average(presentation, a),
              presentation.renditions().get(a).codecs(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false,
              playlistUri(presentation, a)));
      return new MultivariantPlaylist(7, variants, renditions, true);
    }
    Optional<Integer> audioTrack = audio.stream().findFirst();
    audioTrack.ifPresent(
        a ->
            renditions.add(
                new Rendition(
                    RenditionType.AUDIO,
                    VodManifests.AUDIO_GROUP,
                    "audio",
                    presentation.renditions().get(a).info().language(),
                    true,
                    true,
                    OptionalInt.of(presentation.renditions().get(a).info().channels()),
                    Optional.of(playlistUri(presentation, a)))));
    for (int v : video) {
      LiveRendition rendition = presentation.renditions().get(v);
      long peak = bandwidth(presentation, v, settings);
      OptionalLong average = average(presentation, v);
      String codecs = rendition.codecs();
      if (audioTrack.isPresent()) {
        int a = audioTrack.get();
        peak += bandwidth(presentation, a, settings);
        OptionalLong audioAverage = average(presentation, a);
        average =
            average.isPresent()
                ? OptionalLong.of(average.getAsLong() + audioAverage.getAsLong())
                : average;
        codecs += "," + presentation.renditions().get(a).codecs();
      }
      variants.add(
          new VariantStream(
              peak,
              average,
              codecs,
              Optional.of(Resolution.of(rendition.info().width(), rendition.info().height())),
              rendition.info().frameRate(),
              audioTrack.map(a -> VodManifests.AUDIO_GROUP),
              true,
              playlistUri(presentation, v)));
    }
    return new MultivariantPlaylist(7, variants, renditions, true);
  }

  /**
   * The peak bit rate advertised for a rendition: declared while live, measured over the listed
   * segments once ended.
   */
  private static long bandwidth(
      LivePresentation presentation, int rendition, LiveSettings settings) {
    LiveRendition info = presentation.renditions().get(rendition);
    if (!presentation.ended()) {
      return Rational.of(info.info().bitrateBitsPerSecond())
          .times(settings.bandwidthHeadroom())
          .ticksPer(1, RoundingMode.CEILING);
    }
    long peak = 0;
    for (LiveSegment segment : presentation.segments()) {
      PublishedSegment part = segment.rendition(rendition);
      peak = Math.max(peak, bitsPerSecond(part.sizeBytes(), part.durationTicks(), info));
    }
    return peak;
  }

  /** The average bit rate of the listed segments once ended; unknown while live. */
  private static OptionalLong average(LivePresentation presentation, int rendition) {
    if (!presentation.ended()) {
      return OptionalLong.empty();
    }
    long bytes = 0;
    long ticks = 0;
    for (LiveSegment segment : presentation.segments()) {
      bytes += segment.rendition(rendition).sizeBytes();
      ticks += segment.rendition(rendition).durationTicks();
    }
    return OptionalLong.of(bitsPerSecond(bytes, ticks, presentation.renditions().get(rendition)));
  }

  private static long bitsPerSecond(long bytes, long ticks, LiveRendition rendition) {
    BigInteger[] qr =
        BigInteger.valueOf(bytes)
            .multiply(BigInteger.valueOf(8L * rendition.timescale()))
            .divideAndRemainder(BigInteger.valueOf(ticks));
    return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
  }

  private static Mpd dynamicMpd(LivePresentation presentation, Instant now, LiveSettings settings) {
    Instant availabilityStart = presentation.availabilityStartTime();
    DynamicTiming timing =
        new DynamicTiming(
            availabilityStart,
            now,
            Optional.of(settings.segmentDurationMillis()),
            settings.listedSegments().isPresent()
                ? Optional.of(settings.segmentsDuration(settings.listedSegments().getAsInt()))
                : Optional.empty(),
            Optional.of(settings.segmentsDuration(settings.presentationDelaySegments())),
            List.of(Descriptor.utcTimingHttpIso(settings.utcTimingUrl())));
    List<Period> periods = new ArrayList<>();
    for (List<LiveSegment> segments : byPeriod(presentation)) {
      LivePeriod period = presentation.periods().get(segments.getFirst().period());
      long startMillis = Duration.between(availabilityStart, period.wallClockStart()).toMillis();
      periods.add(
          new Period(
              Integer.toString(period.index()),
              MediaTime.of(startMillis, 1_000),
              adaptationSets(
                  presentation, segments, settings, period::presentationTimeOffsetTicks)));
    }
    return Mpd.ofDynamic(
        List.of(Mpd.PROFILE_ISOFF_LIVE), settings.minBufferTime(), timing, periods);
  }

  private static Mpd staticMpd(LivePresentation presentation, LiveSettings settings) {
    int referenceTimescale = presentation.renditions().getFirst().timescale();
    List<Period> periods = new ArrayList<>();
    MediaTime start = MediaTime.zero(referenceTimescale);
    MediaTime end = start;
    for (List<LiveSegment> segments : byPeriod(presentation)) {
      // The asset plays the listed segments back to back: each period starts where the previous
      // one's reference rendition ended, at the media time of its first listed segment.
      MediaTime mediaStart =
          MediaTime.of(segments.getFirst().rendition(0).startTicks(), referenceTimescale);
      periods.add(
          new Period(
              Integer.toString(segments.getFirst().period()),
              start,
              adaptationSets(
                  presentation,
                  segments,
                  settings,
                  timescale -> mediaStart.ticksAt(timescale, RoundingMode.FLOOR))));
      for (int r = 0; r < presentation.renditions().size(); r++) {
        int timescale = presentation.renditions().get(r).timescale();
        long elapsed =
            segments.getLast().rendition(r).endTicks()
                - mediaStart.ticksAt(timescale, RoundingMode.FLOOR);
        MediaTime rendition =
            start.plus(
                MediaTime.of(elapsed, timescale).rescale(referenceTimescale, RoundingMode.CEILING));
        end = end.compareTo(rendition) >= 0 ? end : rendition;
      }
      long referenceTicks = segments.getLast().rendition(0).endTicks() - mediaStart.ticks();
      start = start.plus(MediaTime.of(referenceTicks, referenceTimescale));
    }
    return Mpd.ofStatic(List.of(Mpd.PROFILE_ISOFF_LIVE), end, settings.minBufferTime(), periods);
  }

  /** The listed segments grouped by period, in order. */
  private static List<List<LiveSegment>> byPeriod(LivePresentation presentation) {
    List<List<LiveSegment>> groups = new ArrayList<>();
    for (LiveSegment segment : presentation.segments()) {
      if (groups.isEmpty() || groups.getLast().getFirst().period() != segment.period()) {
        groups.add(new ArrayList<>());
      }
      groups.getLast().add(segment);
    }
    return groups;
  }

  /** The presentation time offset of a period, in ticks of a given timescale. */
  @FunctionalInterface
  private interface Offset {
    long ticksAt(int timescale);
  }

  private static List<AdaptationSet> adaptationSets(
      LivePresentation presentation,
      List<LiveSegment> segments,
      LiveSettings settings,
      Offset offset) {
    List<AdaptationSet> sets = new ArrayList<>();
    List<Integer> video = indexes(presentation, TrackKind.VIDEO);
    long id = 0;
    if (!video.isEmpty()) {
      LiveRendition top = presentation.renditions().get(video.getFirst());
      AdaptationSet.Builder set =
          AdaptationSet.builder(id++, ContentType.VIDEO, "video/mp4")
              .segmentAlignment(true)
              .startWithSap(1)
              .pictureAspectRatio(aspect(top.info().width(), top.info().height()));
      top.info().frameRate().ifPresent(set::frameRate);
      for (int v : video) {
        LiveRendition rendition = presentation.renditions().get(v);
        set.addRepresentation(
            Representation.video(
                rendition.name(),
                bandwidth(presentation, v, settings),
                rendition.codecs(),
                rendition.info().width(),
                rendition.info().height(),
                template(segments, v, rendition, offset)));
      }
      sets.add(set.build());
    }
    for (int a : indexes(presentation, TrackKind.AUDIO)) {
      LiveRendition rendition = presentation.renditions().get(a);
      AdaptationSet.Builder set =
          AdaptationSet.builder(id++, ContentType.AUDIO, "audio/mp4")
              .segmentAlignment(true)
              .startWithSap(1)
              .audioChannelConfiguration(
                  Descriptor.cicpChannelConfiguration(rendition.info().channels()));
      rendition.info().language().ifPresent(set::language);
      set.addRepresentation(
          Representation.audio(
              rendition.name(),
              bandwidth(presentation, a, settings),
              rendition.codecs(),
              rendition.info().sampleRate(),
              template(segments, a, rendition, offset)));
      sets.add(set.build());
    }
    return sets;
  }

  private static SegmentTemplate template(
      List<LiveSegment> segments, int index, LiveRendition rendition, Offset offset) {
    List<Long> durations = segments.stream().map(s -> s.rendition(index).durationTicks()).toList();
    return new SegmentTemplate(
        rendition.timescale(),
        "$RepresentationID$/" + StorageLayout.INIT,
        "$RepresentationID$/$Number$.m4s",
        segments.getFirst().sequence(),
        offset.ticksAt(rendition.timescale()),
        SegmentTimeline.contiguous(segments.getFirst().rendition(index).startTicks(), durations));
  }

  private static List<Integer> indexes(LivePresentation presentation, TrackKind kind) {
    List<Integer> indexes = new ArrayList<>();
    for (int r = 0; r < presentation.renditions().size(); r++) {
      if (presentation.renditions().get(r).info().kind() == kind) {
        indexes.add(r);
      }
    }
    return indexes;
  }

  private static String playlistUri(LivePresentation presentation, int rendition) {
    return presentation.renditions().get(rendition).name() + "/" + StorageLayout.HLS_MEDIA;
  }

  private static AspectRatio aspect(int width, int height) {
    int gcd = BigInteger.valueOf(width).gcd(BigInteger.valueOf(height)).intValue();
    return AspectRatio.of(width / gcd, height / gcd);
  }
}
