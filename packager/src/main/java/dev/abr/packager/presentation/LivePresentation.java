package dev.abr.packager.presentation;

import dev.abr.core.time.MediaTime;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a live stream has published and still lists, folded one segment number at a time. An
 * immutable value: {@link #append}, {@link #retainLast}, {@link #forgetDeletable} and {@link #end}
 * return new values, so a caller can render manifests from any version with {@link LiveManifests}.
 *
 * <p>Time model. The first rendition is the reference: its media time and the caller's program date
 * times define each {@link LivePeriod}. Inside a period, media time {@code t} of any rendition is
 * wall-clock time {@code period.wallClockStart + (t - period.mediaStart)}; a discontinuity (the
 * publisher dropped and came back with new timestamps) opens a new period anchored at its first
 * segment's program date time. HLS program date times and the MPD's {@code Period@start} and {@code
 * presentationTimeOffset} are both written from this model, so hls.js and dash.js place every
 * segment at the same wall-clock time.
 *
 * @param renditions the renditions, at least one, names unique; the first is the reference
 * @param segments the segments still listed, in order, numbers consecutive; empty only before the
 *     first {@link #append}
 * @param periods every period since the stream started, in order (also those whose segments all
 *     slid out: period 0 anchors {@code availabilityStartTime})
 * @param removedDiscontinuities how many segments that followed a discontinuity slid out: the HLS
 *     {@code EXT-X-DISCONTINUITY-SEQUENCE} (RFC 8216 §6.2.2)
 * @param removed segments that slid out and whose files are not deleted yet
 * @param longestPlaylistMillis the longest any listed window has lasted, in milliseconds rounded up
 *     (any rendition)
 * @param ended whether the stream ended: nothing is appended or removed any more
 */
public record LivePresentation(
    List<LiveRendition> renditions,
    List<LiveSegment> segments,
    List<LivePeriod> periods,
    long removedDiscontinuities,
    List<RemovedSegment> removed,
    long longestPlaylistMillis,
    boolean ended) {
  public LivePresentation {
    renditions = List.copyOf(renditions);
    segments = List.copyOf(segments);
    periods = List.copyOf(periods);
    removed = List.copyOf(removed);
    if (renditions.isEmpty()) {
      throw new IllegalArgumentException("a live presentation needs at least one rendition");
    }
    Set<String> names = new HashSet<>();
    for (LiveRendition rendition : renditions) {
      if (!names.add(rendition.name())) {
        throw new IllegalArgumentException("two renditions are named " + rendition.name());
      }
    }
    if (removedDiscontinuities < 0 || longestPlaylistMillis < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: "
              + removedDiscontinuities
              + " discontinuities, "
              + longestPlaylistMillis
              + " ms");
    }
    if (segments.isEmpty() != periods.isEmpty()) {
      throw new IllegalArgumentException("segments and periods must be both empty or both present");
    }
    checkPeriods(periods);
    checkSegments(renditions, segments, periods);
  }

  /** Returns a presentation of {@code renditions} before its first segment. */
  public static LivePresentation start(List<LiveRendition> renditions) {
    return new LivePresentation(renditions, List.of(), List.of(), 0, List.of(), 0, false);
  }

  /**
   * Returns this presentation with segment number {@code n} published in every rendition.
   *
   * @param byRendition the segment of every rendition, by rendition name, all numbered {@code n}:
   *     the first segment may have any number, later ones follow the last one appended
   * @param programDateTime the wall-clock time of the reference rendition's first sample of the
   *     segment, derived from the source; kept to the millisecond (what HLS and DASH write). Inside
   *     a period it must be the period's start plus the media time elapsed since (± 1 ms); after a
   *     discontinuity it must not be before the reference rendition's previous segment ends
   * @param discontinuity whether the publisher's timestamps restart with this segment; every
   *     rendition then starts anywhere, otherwise each continues its previous segment exactly
   * @throws IllegalStateException if the presentation has ended
   * @throws IllegalArgumentException if a rendition is missing or unknown, a number is out of
   *     order, a timeline has a gap, the first segment is a discontinuity or the date disagrees
   *     with the time model
   */
  public LivePresentation append(
      Map<String, PublishedSegment> byRendition, Instant programDateTime, boolean discontinuity) {
    if (ended) {
      throw new IllegalStateException("the stream has ended; no segment can be appended");
    }
    List<PublishedSegment> parts = inRenditionOrder(byRendition);
    long sequence = parts.get(0).sequence();
    for (PublishedSegment part : parts) {
      if (part.startTicks() < 0) {
        throw new IllegalArgumentException(
            "segment " + sequence + " starts before 0: " + part.startTicks());
      }
    }
    Instant date = programDateTime.truncatedTo(ChronoUnit.MILLIS);
    List<LivePeriod> newPeriods = new ArrayList<>(periods);
    int period;
    if (segments.isEmpty()) {
      if (discontinuity) {
        throw new IllegalArgumentException(
            "segment " + sequence + " is the stream's first, so it cannot follow a discontinuity");
      }
      period = 0;
      newPeriods.add(new LivePeriod(0, sequence, startOf(parts, 0), date));
    } else {
      LiveSegment last = segments.getLast();
      if (sequence != last.sequence() + 1) {
        throw new IllegalArgumentException(
            "segment " + sequence + " does not follow segment " + last.sequence());
      }
      if (discontinuity) {
        // The reference rendition's end, not every rendition's: audio cut at the AAC frame after
        // the video cut may overhang by less than a frame, which players trim at the boundary.
        LivePeriod previous = periods.get(last.period());
        Instant previousEnd =
            previous.wallClockAt(last.rendition(0).endTicks(), renditions.get(0).timescale());
        if (date.isBefore(previousEnd)) {
          throw new IllegalArgumentException(
              "segment "
                  + sequence
                  + " opens a period at "
                  + date
                  + ", before the previous period ends at "
                  + previousEnd);
        }
        period = last.period() + 1;
        newPeriods.add(new LivePeriod(period, sequence, startOf(parts, 0), date));
      } else {
        period = last.period();
        checkContinues(last, parts);
        checkDate(periods.get(period), sequence, parts.get(0), date);
      }
    }
    List<LiveSegment> newSegments = new ArrayList<>(segments);
    newSegments.add(new LiveSegment(sequence, parts, date, discontinuity, period));
    return new LivePresentation(
        renditions,
        newSegments,
        newPeriods,
        removedDiscontinuities,
        removed,
        longestPlaylistMillis,
        false);
  }

  /**
   * Returns this presentation listing only its last {@code segmentCount} segments, or more while
   * fewer would last less than {@code minimumDuration} in the reference rendition. Each segment
   * dropped becomes a {@link RemovedSegment} deletable after its duration plus the longest window
   * yet (RFC 8216 §6.2.2: a removed segment stays available for the segment's duration plus the
   * duration of the longest playlist that contained it); each dropped discontinuity increments
   * {@link #removedDiscontinuities()}.
   *
   * @param segmentCount at least 1
   * @param minimumDuration the shortest listed window allowed (three target durations for HLS, see
   *     {@link LiveSettings#minimumPlaylistDuration()})
   * @param now the wall-clock time of the removal
   * @throws IllegalStateException if the presentation has ended
   */
  public LivePresentation retainLast(int segmentCount, MediaTime minimumDuration, Instant now) {
    if (ended) {
      throw new IllegalStateException("the stream has ended; its window no longer slides");
    }
    if (segmentCount < 1) {
      throw new IllegalArgumentException("keep at least one segment: " + segmentCount);
    }
    int drop = Math.max(0, segments.size() - segmentCount);
    while (drop > 0 && listedDuration(drop).compareTo(minimumDuration) < 0) {
      drop--;
    }
    if (drop == 0) {
      return this;
    }
    long longest = Math.max(longestPlaylistMillis, windowMillis(0));
    List<RemovedSegment> newRemoved = new ArrayList<>(removed);
    long discontinuities = removedDiscontinuities;
    for (LiveSegment segment : segments.subList(0, drop)) {
      long durationMillis = 0;
      for (int r = 0; r < renditions.size(); r++) {
        durationMillis =
            Math.max(durationMillis, millisUp(segment.rendition(r).durationTicks(), r));
      }
      newRemoved.add(
          new RemovedSegment(segment.sequence(), now, now.plusMillis(durationMillis + longest)));
      if (segment.discontinuity()) {
        discontinuities++;
      }
    }
    return new LivePresentation(
        renditions,
        segments.subList(drop, segments.size()),
        periods,
        discontinuities,
        newRemoved,
        longest,
        false);
  }

  /**
   * Returns this presentation slid to the window of {@code settings}: {@link #retainLast} with its
   * listed segments and minimum playlist duration, or this presentation unchanged when every
   * segment is kept.
   */
  public LivePresentation retainWindow(LiveSettings settings, Instant now) {
    if (settings.listedSegments().isEmpty()) {
      return this;
    }
    return retainLast(
        settings.listedSegments().getAsInt(), settings.minimumPlaylistDuration(), now);
  }

  /** The removed segments whose files may be deleted at {@code now}, oldest first. */
  public List<RemovedSegment> deletable(Instant now) {
    return removed.stream().filter(r -> !r.deletableAt().isAfter(now)).toList();
  }

  /** Returns this presentation without the removed segments {@link #deletable} at {@code now}. */
  public LivePresentation forgetDeletable(Instant now) {
    return new LivePresentation(
        renditions,
        segments,
        periods,
        removedDiscontinuities,
        removed.stream().filter(r -> r.deletableAt().isAfter(now)).toList(),
        longestPlaylistMillis,
        ended);
  }

  /**
   * Returns this presentation ended: its manifests become the VOD form and no segment is appended
   * or removed any more.
   *
   * @throws IllegalStateException if nothing was published
   */
  public LivePresentation end() {
    if (segments.isEmpty()) {
      throw new IllegalStateException("a stream without segments cannot end as a presentation");
    }
    return new LivePresentation(
        renditions,
        segments,
        periods,
        removedDiscontinuities,
        removed,
        longestPlaylistMillis,
        true);
  }

  /**
   * The MPD's {@code availabilityStartTime}: the wall-clock start of period 0, fixed for the
   * stream.
   *
   * @throws IllegalStateException before the first segment
   */
  public Instant availabilityStartTime() {
    if (periods.isEmpty()) {
      throw new IllegalStateException("no segment published yet");
    }
    return periods.getFirst().wallClockStart();
  }

  /** Whether every segment since the stream started is still listed. */
  public boolean listsWholeStream() {
    return !segments.isEmpty()
        && segments.getFirst().sequence() == periods.getFirst().firstSequence();
  }

  /**
   * The wall-clock time at which the last sample of period {@code index} ends, over every
   * rendition, rounded up to the millisecond; for the last period, the live edge.
   */
  public Instant periodEnd(int index) {
    LivePeriod period = periods.get(index);
    LiveSegment last = null;
    for (LiveSegment segment : segments) {
      if (segment.period() == index) {
        last = segment;
      }
    }
    if (last == null) {
      throw new IllegalArgumentException("period " + index + " has no listed segment");
    }
    long endMillis = 0;
    for (int r = 0; r < renditions.size(); r++) {
      int timescale = renditions.get(r).timescale();
      long elapsed = last.rendition(r).endTicks() - period.presentationTimeOffsetTicks(timescale);
      endMillis =
          Math.max(
              endMillis, MediaTime.of(elapsed, timescale).ticksAt(1_000, RoundingMode.CEILING));
    }
    return period.wallClockStart().plusMillis(endMillis);
  }

  private List<PublishedSegment> inRenditionOrder(Map<String, PublishedSegment> byRendition) {
    List<PublishedSegment> parts = new ArrayList<>();
    for (LiveRendition rendition : renditions) {
      PublishedSegment part = byRendition.get(rendition.name());
      if (part == null) {
        throw new IllegalArgumentException(
            "a segment lacks rendition " + rendition.name() + ": " + byRendition.keySet());
      }
      parts.add(part);
    }
    if (byRendition.size() != renditions.size()) {
      throw new IllegalArgumentException(
          "a segment has renditions the presentation does not know: " + byRendition.keySet());
    }
    long sequence = parts.get(0).sequence();
    for (PublishedSegment part : parts) {
      if (part.sequence() != sequence) {
        throw new IllegalArgumentException(
            "renditions disagree on the segment number: " + sequence + " and " + part.sequence());
      }
    }
    return parts;
  }

  private MediaTime startOf(List<PublishedSegment> parts, int rendition) {
    return MediaTime.of(parts.get(rendition).startTicks(), renditions.get(rendition).timescale());
  }

  private void checkContinues(LiveSegment last, List<PublishedSegment> parts) {
    for (int r = 0; r < renditions.size(); r++) {
      PublishedSegment previous = last.rendition(r);
      PublishedSegment part = parts.get(r);
      if (part.startTicks() != previous.endTicks()) {
        throw new IllegalArgumentException(
            "rendition "
                + renditions.get(r).name()
                + ": segment "
                + part.sequence()
                + " starts at "
                + part.startTicks()
                + "/"
                + renditions.get(r).timescale()
                + " but segment "
                + previous.sequence()
                + " ended at "
                + previous.endTicks()
                + "/"
                + renditions.get(r).timescale()
                + "; mark a discontinuity if the timestamps restarted");
      }
    }
  }

  private void checkDate(
      LivePeriod period, long sequence, PublishedSegment reference, Instant date) {
    Instant expected = period.wallClockAt(reference.startTicks(), renditions.get(0).timescale());
    long driftMillis = Math.abs(date.toEpochMilli() - expected.toEpochMilli());
    if (driftMillis > 1) {
      throw new IllegalArgumentException(
          "segment "
              + sequence
              + " is dated "
              + date
              + " but period "
              + period.index()
              + " started at "
              + period.wallClockStart()
              + " and its media time says "
              + expected
              + "; derive program date times from media time, or mark a discontinuity");
    }
  }

  /** The reference rendition's duration of the segments listed after dropping {@code drop}. */
  private MediaTime listedDuration(int drop) {
    long ticks = 0;
    for (LiveSegment segment : segments.subList(drop, segments.size())) {
      ticks += segment.rendition(0).durationTicks();
    }
    return MediaTime.of(ticks, renditions.get(0).timescale());
  }

  /** The longest rendition's duration of the listed segments from {@code from}, in ms, up. */
  private long windowMillis(int from) {
    long longest = 0;
    for (int r = 0; r < renditions.size(); r++) {
      long ticks = 0;
      for (LiveSegment segment : segments.subList(from, segments.size())) {
        ticks += segment.rendition(r).durationTicks();
      }
      longest = Math.max(longest, millisUp(ticks, r));
    }
    return longest;
  }

  private long millisUp(long ticks, int rendition) {
    return MediaTime.of(ticks, renditions.get(rendition).timescale())
        .ticksAt(1_000, RoundingMode.CEILING);
  }

  private static void checkPeriods(List<LivePeriod> periods) {
    for (int i = 0; i < periods.size(); i++) {
      LivePeriod period = periods.get(i);
      if (period.index() != i) {
        throw new IllegalArgumentException("period " + i + " has index " + period.index());
      }
      if (i > 0) {
        LivePeriod previous = periods.get(i - 1);
        if (period.firstSequence() <= previous.firstSequence()
            || !period.wallClockStart().isAfter(previous.wallClockStart())) {
          throw new IllegalArgumentException(
              "period " + i + " does not start after period " + (i - 1));
        }
      }
    }
  }

  private static void checkSegments(
      List<LiveRendition> renditions, List<LiveSegment> segments, List<LivePeriod> periods) {
    for (int i = 0; i < segments.size(); i++) {
      LiveSegment segment = segments.get(i);
      if (segment.renditions().size() != renditions.size()) {
        throw new IllegalArgumentException(
            "segment "
                + segment.sequence()
                + " has "
                + segment.renditions().size()
                + " renditions, not "
                + renditions.size());
      }
      if (segment.period() >= periods.size()) {
        throw new IllegalArgumentException(
            "segment " + segment.sequence() + " belongs to unknown period " + segment.period());
      }
      LivePeriod period = periods.get(segment.period());
      boolean opensPeriod = segment.sequence() == period.firstSequence();
      if (segment.discontinuity() != (opensPeriod && period.index() > 0)) {
        throw new IllegalArgumentException(
            "segment "
                + segment.sequence()
                + " must follow a discontinuity exactly when it opens a period after the first");
      }
      if (segment.sequence() < period.firstSequence()
          || (segment.period() + 1 < periods.size()
              && segment.sequence() >= periods.get(segment.period() + 1).firstSequence())) {
        throw new IllegalArgumentException(
            "segment " + segment.sequence() + " lies outside its period " + segment.period());
      }
      if (i == 0) {
        continue;
      }
      LiveSegment previous = segments.get(i - 1);
      if (segment.sequence() != previous.sequence() + 1) {
        throw new IllegalArgumentException(
            "segment " + segment.sequence() + " does not follow segment " + previous.sequence());
      }
      if (!segment.discontinuity()) {
        for (int r = 0; r < renditions.size(); r++) {
          if (segment.rendition(r).startTicks() != previous.rendition(r).endTicks()) {
            throw new IllegalArgumentException(
                "rendition "
                    + renditions.get(r).name()
                    + ": segment "
                    + segment.sequence()
                    + " does not continue segment "
                    + previous.sequence());
          }
        }
      }
    }
  }
}
