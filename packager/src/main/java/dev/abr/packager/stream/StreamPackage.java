package dev.abr.packager.stream;

import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.Fragment;
import dev.abr.cmaf.FragmentReader;
import dev.abr.cmaf.InitSegmentReader;
import dev.abr.cmaf.SegmentRewriter;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.message.FragmentFailed;
import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobOutputs;
import dev.abr.core.message.LiveWindow;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.StreamEnded;
import dev.abr.core.message.StreamFailed;
import dev.abr.core.message.StreamStarted;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TrackKind;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageKeys;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.MediaTime;
import dev.abr.packager.presentation.DvrWindow;
import dev.abr.packager.presentation.LiveManifests;
import dev.abr.packager.presentation.LivePresentation;
import dev.abr.packager.presentation.LiveRendition;
import dev.abr.packager.presentation.LiveSettings;
import dev.abr.packager.presentation.Manifests;
import dev.abr.packager.presentation.PublishedSegment;
import dev.abr.packager.presentation.RemovedSegment;
import dev.abr.packager.presentation.RenditionTimeline;
import dev.abr.packager.presentation.VodManifests;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packager's view of one stream, folded from its {@link PackageEvent}s in any order and with
 * duplicates. Segment n is published (every rendition's CMAF segment written to the output) only
 * when every rendition has its fragment n and every segment before it is published; each fragment
 * is checked first (its {@code tfdt} continues the rendition's timeline, video starts with a key
 * frame, video renditions start together, audio within one AAC frame of video). When the stream has
 * ended and every segment is out, the manifests are written, media playlists first and the
 * multivariant playlist and MPD last, each atomically: nothing names a segment before it is
 * complete, and a failed stream never gets manifests. Not thread-safe: one stream is handled by one
 * thread at a time (its partition).
 *
 * <p>Durable: after each event that changed it, the state is written to the work store ({@link
 * StreamSnapshot}, with full {@link PublishedBlock}s of VOD segments) before {@link #apply}
 * returns, so before the event's offset is committed; {@link #load} continues from it in another
 * process. Publishing a segment again (the event is redelivered after a crash between the segment
 * write and the snapshot) writes the same bytes under the same key: fragments are never replaced in
 * the work store, and a segment is made only from its fragment and its number. See
 * docs/decisions/014-packager-state.md.
 */
final class StreamPackage {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPackage.class);

  /** Where the origin answers the time (DASH {@code UTCTiming}, http-iso). */
  static final String UTC_TIMING_PATH = "/time";

  /** Where a stream is in its life. */
  enum Status {
    ACTIVE,
    COMPLETED,
    FAILED
  }

  private final String streamId;
  private final ObjectStore work;
  private final ObjectStore output;
  private final JsonProducer producer;
  private final Clock clock;
  private final MeterRegistry registry;

  private @Nullable StreamStarted started;
  private final Map<String, TreeMap<Long, FragmentReady>> fragments = new HashMap<>();
  private OptionalLong total = OptionalLong.empty();
  private long nextSequence;
  private final Map<String, List<PublishedSegment>> published = new LinkedHashMap<>();
  private final Map<String, String> codecs = new HashMap<>();
  private Status status = Status.ACTIVE;
  private @Nullable LivePresentation live;
  private final List<DeferredDeletion> deferredDeletions = new ArrayList<>();
  private final List<Long> runLatencies = new ArrayList<>();
  private @Nullable LiveSettings liveSettings;

  private final StreamStateStore state;

  /** The last snapshot written or read, to skip writing one when an event changed nothing. */
  private @Nullable StreamSnapshot persisted;

  /** How many {@link PublishedBlock}s of this stream's published segments are in the work store. */
  private long publishedBlocks;

  /**
   * A stream with its state read from the work store, or a new stream if it has none.
   *
   * @throws PipelineException {@code STORAGE_UNAVAILABLE} if the work store fails
   */
  static StreamPackage load(
      String streamId,
      ObjectStore work,
      ObjectStore output,
      JsonProducer producer,
      Clock clock,
      MeterRegistry registry) {
    StreamPackage stream = new StreamPackage(streamId, work, output, producer, clock, registry);
    stream.state.load().ifPresent(stream::restore);
    return stream;
  }

  StreamPackage(
      String streamId,
      ObjectStore work,
      ObjectStore output,
      JsonProducer producer,
      Clock clock,
      MeterRegistry registry) {
    this.streamId = streamId;
    this.work = work;
    this.output = output;
    this.producer = producer;
    this.clock = clock;
    this.registry = registry;
    this.state = new StreamStateStore(work, streamId);
  }

  Status status() {
    return status;
  }

  /** The first segment not published yet. */
  long nextSequence() {
    return nextSequence;
  }

  /**
   * Folds one event, publishes whatever became ready and makes the new state durable.
   *
   * @throws PipelineException {@code STORAGE_UNAVAILABLE} when storage fails, {@code
   *     WORKER_OVERLOADED} when another packager has taken the stream over; either way this object
   *     may be ahead of the durable state: drop it, {@link #load} the stream again and apply the
   *     event again (what was published is published again, with the same bytes)
   */
  void apply(PackageEvent event) {
    if (status != Status.ACTIVE) {
      return;
    }
    switch (event) {
      case StreamStarted s -> {
        if (started == null) {
          started = s;
        }
      }
      case FragmentReady f -> {
        if (f.sequence() >= nextSequence) {
          // The first delivery wins: a duplicate (a redelivered chunk) changes nothing.
          fragments
              .computeIfAbsent(f.rendition(), r -> new TreeMap<>())
              .putIfAbsent(f.sequence(), f);
        }
      }
      case StreamEnded e -> total = OptionalLong.of(e.segmentCount());
      case FragmentFailed f -> {
        fail(null);
        LOG.warn(
            "stream {}: segment {} failed ({}); no manifest will be published",
            streamId,
            f.sequence(),
            f.code());
        persist();
        return;
      }
      case StreamFailed f -> {
        fail(null);
        LOG.warn(
            "stream {}: ingest failed ({}); no manifest will be published", streamId, f.code());
        persist();
        return;
      }
    }
    try {
      publishReady();
    } catch (PipelineException e) {
      if (e.code().isRetriable()) {
        throw e;
      }
      fail(e);
    }
    persist();
  }

  /**
   * Marks the stream failed for good (its event was dead-lettered) and makes that durable, so a
   * restarted packager ignores its late events too.
   */
  void markFailed() {
    if (status == Status.ACTIVE) {
      fail(null);
      persist();
    }
  }

  /** Writes the state if it changed: full blocks of published segments first, then the snapshot. */
  private void persist() {
    StreamSnapshot snapshot = snapshot();
    if (persisted != null && snapshot.equals(persisted.withVersion(0))) {
      return;
    }
    if (status == Status.ACTIVE) {
      writeFullBlocks();
      snapshot = snapshot();
    }
    persisted = state.write(snapshot);
    if (status != Status.ACTIVE) {
      state.deleteBlocks(publishedBlocks);
      publishedBlocks = 0;
    }
  }

  /** VOD: writes every block of {@link PublishedBlock#SEGMENTS} published segments not written. */
  private void writeFullBlocks() {
    if (started == null || started.liveMode()) {
      return;
    }
    while ((publishedBlocks + 1) * PublishedBlock.SEGMENTS <= nextSequence) {
      long first = publishedBlocks * PublishedBlock.SEGMENTS;
      Map<String, List<PublishedSegment>> block = new LinkedHashMap<>();
      for (RenditionInfo rendition : started.renditions()) {
        block.put(
            rendition.name(),
            published.get(rendition.name()).stream()
                .filter(
                    s -> s.sequence() >= first && s.sequence() < first + PublishedBlock.SEGMENTS)
                .toList());
      }
      state.writeBlock(new PublishedBlock(streamId, publishedBlocks, block));
      publishedBlocks++;
    }
  }

  /** The state as a snapshot (version 0: the store numbers it). */
  private StreamSnapshot snapshot() {
    if (status != Status.ACTIVE) {
      // Finished: only the status matters (late duplicates do nothing).
      return new StreamSnapshot(
          streamId,
          0,
          status,
          Optional.ofNullable(started),
          nextSequence,
          total.isPresent() ? Optional.of(total.getAsLong()) : Optional.empty(),
          List.of(),
          Map.of(),
          0,
          Map.of(),
          Optional.empty());
    }
    List<FragmentReady> pending = new ArrayList<>();
    new TreeMap<>(fragments).values().forEach(byRendition -> pending.addAll(byRendition.values()));
    long firstUnblocked = publishedBlocks * PublishedBlock.SEGMENTS;
    Map<String, List<PublishedSegment>> unblocked = new LinkedHashMap<>();
    published.forEach(
        (rendition, segments) ->
            unblocked.put(
                rendition, segments.stream().filter(s -> s.sequence() >= firstUnblocked).toList()));
    return new StreamSnapshot(
        streamId,
        0,
        status,
        Optional.ofNullable(started),
        nextSequence,
        total.isPresent() ? Optional.of(total.getAsLong()) : Optional.empty(),
        pending,
        codecs,
        publishedBlocks,
        unblocked,
        Optional.ofNullable(live));
  }

  /** Takes over the state of {@code snapshot} and the blocks it names. */
  private void restore(StreamSnapshot snapshot) {
    started = snapshot.started().orElse(null);
    status = snapshot.status();
    nextSequence = snapshot.nextSequence();
    total = snapshot.total().map(OptionalLong::of).orElse(OptionalLong.empty());
    for (FragmentReady ready : snapshot.pending()) {
      fragments
          .computeIfAbsent(ready.rendition(), r -> new TreeMap<>())
          .put(ready.sequence(), ready);
    }
    codecs.putAll(snapshot.codecs());
    publishedBlocks = snapshot.publishedBlocks();
    for (long index = 0; index < publishedBlocks; index++) {
      state
          .readBlock(index)
          .renditions()
          .forEach(
              (rendition, segments) ->
                  published.computeIfAbsent(rendition, r -> new ArrayList<>()).addAll(segments));
    }
    snapshot
        .published()
        .forEach(
            (rendition, segments) ->
                published.computeIfAbsent(rendition, r -> new ArrayList<>()).addAll(segments));
    live = snapshot.live().orElse(null);
    if (live != null && started != null) {
      liveSettings = liveSettings(started);
    }
    persisted = snapshot;
    LOG.info(
        "stream {}: state version {} loaded ({}, next segment {}, {} fragments pending)",
        streamId,
        snapshot.version(),
        status,
        nextSequence,
        snapshot.pending().size());
  }

  private void fail(@Nullable PipelineException failure) {
    status = Status.FAILED;
    fragments.clear();
    if (failure != null && started != null) {
      LOG.warn("stream {}: {} [{}]", streamId, failure.getMessage(), failure.code());
      registry
          .counter(
              MetricNames.FAILURES,
              MetricNames.TAG_STAGE,
              "packager",
              MetricNames.TAG_CODE,
              failure.code().name())
          .increment();
      producer.sendAndWait(
          Topics.JOB_EVENTS,
          started.jobId(),
          JobEvent.of(started.jobId(), streamId, JobEventType.FAILED, clock.instant())
              .withError(new JobError(failure.code(), failure.getMessage())));
    }
  }

  private void publishReady() {
    if (started == null) {
      return;
    }
    while ((total.isEmpty() || nextSequence < total.getAsLong()) && allHave(nextSequence)) {
      publishSegment(nextSequence);
      nextSequence++;
    }
    if (total.isPresent() && nextSequence == total.getAsLong()) {
      if (total.getAsLong() == 0) {
        throw new PipelineException(
            ErrorCode.SEGMENT_INVARIANT_VIOLATED,
            "stream " + streamId + " ended without any segment");
      }
      if (started.liveMode()) {
        endLive();
      } else {
        writeManifests();
      }
    }
  }

  private boolean allHave(long sequence) {
    for (RenditionInfo rendition : started.renditions()) {
      TreeMap<Long, FragmentReady> byRendition = fragments.get(rendition.name());
      if (byRendition == null || !byRendition.containsKey(sequence)) {
        return false;
      }
    }
    return true;
  }

  private void publishSegment(long sequence) {
    // Check and write every rendition's segment before changing any state.
    Map<String, PublishedSegment> segments = new LinkedHashMap<>();
    Map<String, String> newCodecs = new HashMap<>();
    Optional<MediaTime> videoStart = Optional.empty();
    Optional<MediaTime> audioStart = Optional.empty();
    for (RenditionInfo rendition : started.renditions()) {
      FragmentReady ready = fragments.get(rendition.name()).get(sequence);
      String name =
          "segment " + sequence + " of rendition " + rendition.name() + " of stream " + streamId;
      Fragment fragment = readFragment(ready, name);
      long start = fragment.baseMediaDecodeTimeTicks();
      List<PublishedSegment> previous = published.getOrDefault(rendition.name(), List.of());
      if (!previous.isEmpty()) {
        long expected = previous.get(previous.size() - 1).endTicks();
        if (start != expected) {
          throw invariant(
              name
                  + " starts at "
                  + start
                  + "/"
                  + rendition.timescale()
                  + " but the previous segment ended at "
                  + expected
                  + "/"
                  + rendition.timescale());
        }
      }
      if (rendition.kind() == TrackKind.VIDEO && !fragment.samples().get(0).keyFrame()) {
        throw invariant(name + " does not start with a key frame");
      }
      MediaTime startTime = MediaTime.of(start, rendition.timescale());
      if (rendition.kind() == TrackKind.VIDEO) {
        if (videoStart.isPresent() && videoStart.get().compareTo(startTime) != 0) {
          throw invariant(
              name + " starts at " + startTime + ", other video renditions at " + videoStart.get());
        }
        videoStart = Optional.of(startTime);
      } else {
        audioStart = Optional.of(startTime);
      }
      if (previous.isEmpty()) {
        newCodecs.put(rendition.name(), publishInit(rendition, ready, name));
      }
      byte[] segment = SegmentRewriter.rewrite(readBytes(ready.fragmentKey(), name), sequence + 1);
      put(outputKey(rendition.name() + "/" + StorageLayout.segmentName(sequence)), segment);
      segments.put(
          rendition.name(),
          new PublishedSegment(sequence, start, fragment.durationTicks(), segment.length));
    }
    if (videoStart.isPresent() && audioStart.isPresent()) {
      // |audio - video| <= one AAC frame (1024 samples), compared exactly.
      MediaTime audio = audioStart.get();
      MediaTime video = videoStart.get();
      MediaTime frame = MediaTime.of(1024, audio.timescale());
      MediaTime low = audio.minus(frame);
      MediaTime high = audio.plus(frame);
      if (video.compareTo(low) < 0 || video.compareTo(high) > 0) {
        throw invariant(
            "segment "
                + sequence
                + " of stream "
                + streamId
                + ": audio starts at "
                + audio
                + ", video at "
                + video
                + " (more than one AAC frame apart)");
      }
    }
    codecs.putAll(newCodecs);
    FragmentReady reference = fragments.get(started.renditions().get(0).name()).get(sequence);
    Optional<Instant> ingestedAt = Optional.empty();
    for (RenditionInfo rendition : started.renditions()) {
      Optional<Instant> at = fragments.get(rendition.name()).get(sequence).ingestedAt();
      if (at.isPresent() && (ingestedAt.isEmpty() || at.get().isAfter(ingestedAt.get()))) {
        ingestedAt = at;
      }
    }
    segments.forEach(
        (rendition, segment) -> {
          List<PublishedSegment> list =
              published.computeIfAbsent(rendition, r -> new ArrayList<>());
          if (started.liveMode() && !list.isEmpty()) {
            list.clear(); // live keeps only the last segment per rendition, for continuity checks
          }
          list.add(segment);
        });
    fragments.values().forEach(byRendition -> byRendition.remove(sequence));
    if (started.liveMode()) {
      publishLive(segments, reference, ingestedAt);
    }
    registry.counter(MetricNames.PACKAGE_SEGMENTS).increment();
    LOG.info(
        "stream {}: segment {} published ({} renditions)", streamId, sequence, segments.size());
    producer.send(
        Topics.JOB_EVENTS,
        started.jobId(),
        JobEvent.of(started.jobId(), streamId, JobEventType.SEGMENT_PACKAGED, clock.instant())
            .withSequence(sequence));
  }

  private String publishInit(RenditionInfo rendition, FragmentReady ready, String name) {
    byte[] init = readBytes(ready.initKey(), name);
    CmafTrack track;
    try {
      track = InitSegmentReader.read(init);
    } catch (PipelineException e) {
      throw invariant(
          name + ": its init segment " + ready.initKey() + " is unreadable: " + e.getMessage());
    }
    if (track.timescale() != rendition.timescale()) {
      throw invariant(
          name
              + ": init timescale "
              + track.timescale()
              + " is not the declared "
              + rendition.timescale());
    }
    put(outputKey(rendition.name() + "/" + StorageLayout.INIT), init);
    return track.codecs();
  }

  private Fragment readFragment(FragmentReady ready, String name) {
    byte[] bytes = readBytes(ready.fragmentKey(), name);
    Fragment fragment;
    try {
      fragment = FragmentReader.read(bytes);
    } catch (PipelineException e) {
      throw invariant(
          name + ": fragment " + ready.fragmentKey() + " is unreadable: " + e.getMessage());
    }
    if (fragment.samples().isEmpty()) {
      throw invariant(name + " has no samples");
    }
    if (fragment.baseMediaDecodeTimeTicks() != ready.start().ticks()
        || fragment.durationTicks() != ready.duration().ticks()) {
      throw invariant(
          name
              + ": fragment says "
              + fragment.baseMediaDecodeTimeTicks()
              + "+"
              + fragment.durationTicks()
              + " but its message says "
              + ready.start()
              + "+"
              + ready.duration());
    }
    return fragment;
  }

  /** Appends a published segment to the live presentation and rewrites the live manifests. */
  private void publishLive(
      Map<String, PublishedSegment> segments,
      FragmentReady reference,
      Optional<Instant> ingestedAt) {
    Instant now = clock.instant();
    if (live == null) {
      liveSettings = liveSettings(started);
      List<LiveRendition> renditions = new ArrayList<>();
      for (RenditionInfo rendition : started.renditions()) {
        renditions.add(new LiveRendition(rendition, codecs.get(rendition.name())));
      }
      live = LivePresentation.start(renditions);
    }
    Instant date = reference.programDateTime().orElse(now);
    live = live.append(segments, date, reference.discontinuity()).retainWindow(liveSettings, now);
    writeManifests(LiveManifests.build(live, now, liveSettings));
    ingestedAt.ifPresent(
        at -> {
          Duration latency = Duration.between(at, clock.instant());
          liveLatency().record(latency);
          runLatencies.add(latency.toMillis());
          LOG.debug(
              "stream {}: segment {} in every playlist {} ms after its last source packet",
              streamId,
              segments.values().iterator().next().sequence(),
              latency.toMillis());
        });
    for (RemovedSegment removed : live.deletable(now)) {
      for (RenditionInfo rendition : started.renditions()) {
        delete(outputKey(rendition.name() + "/" + StorageLayout.segmentName(removed.sequence())));
      }
    }
    live = live.forgetDeletable(now);
  }

  /** The live settings of a stream, fixed by its start. */
  private LiveSettings liveSettings(StreamStarted started) {
    LiveWindow window =
        started
            .live()
            .orElseThrow(
                () ->
                    invariant(
                        "live stream " + streamId + " started without its live window settings"));
    LiveSettings settings =
        LiveSettings.of(started.segmentDuration(), UTC_TIMING_PATH)
            .withMaxSegmentDuration(window.maxSegmentDuration())
            .withWindowSegments(window.windowSegments());
    if (window.dvrSegments().isPresent()) {
      int dvr = window.dvrSegments().get();
      settings = settings.withDvr(dvr == 0 ? DvrWindow.unbounded() : DvrWindow.of(dvr));
    }
    return settings;
  }

  private io.micrometer.core.instrument.Timer liveLatency() {
    return io.micrometer.core.instrument.Timer.builder(MetricNames.LIVE_LATENCY)
        .publishPercentiles(0.5, 0.95)
        .register(registry);
  }

  /**
   * Files to delete later: live segments that left the window shortly before the stream ended,
   * which players may still fetch until {@code due} (RFC 8216 6.2.2).
   */
  public record DeferredDeletion(String key, Instant due) {}

  /** The deletions this stream left for later (once, when it ended live); clears them. */
  public List<DeferredDeletion> takeDeferredDeletions() {
    List<DeferredDeletion> taken = List.copyOf(deferredDeletions);
    deferredDeletions.clear();
    return taken;
  }

  /** The live stream ended: the manifests become the VOD form (ENDLIST, static MPD). */
  private void endLive() {
    Instant now = clock.instant();
    if (live == null) {
      throw invariant("live stream " + streamId + " ended before its first segment");
    }
    live = live.end();
    for (RemovedSegment removed : live.removed()) {
      for (RenditionInfo rendition : started.renditions()) {
        deferredDeletions.add(
            new DeferredDeletion(
                outputKey(rendition.name() + "/" + StorageLayout.segmentName(removed.sequence())),
                removed.deletableAt()));
      }
    }
    String hls = outputKey(StorageLayout.HLS_MULTIVARIANT);
    String mpd = outputKey(StorageLayout.DASH_MPD);
    writeManifests(LiveManifests.build(live, now, liveSettings));
    status = Status.COMPLETED;
    LOG.info(
        "stream {}: live ended after {} segments; latency from the last source packet to every playlist:"
            + " p50 {} ms, p95 {} ms, max {} ms",
        streamId,
        nextSequence,
        percentile(0.5),
        percentile(0.95),
        percentile(1));
    producer.sendAndWait(
        Topics.JOB_EVENTS,
        started.jobId(),
        JobEvent.of(started.jobId(), streamId, JobEventType.COMPLETED, clock.instant())
            .withTotal(nextSequence)
            .withOutputs(new JobOutputs(hls, mpd)));
  }

  /** This run's latency at {@code fraction} (nearest rank), -1 if none was measured. */
  private long percentile(double fraction) {
    if (runLatencies.isEmpty()) {
      return -1;
    }
    List<Long> sorted = runLatencies.stream().sorted().toList();
    int rank = (int) Math.ceil(fraction * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** Writes media playlists first, then the MPD and the multivariant playlist, each atomically. */
  private void writeManifests(Manifests manifests) {
    for (Map.Entry<String, String> media : manifests.mediaPlaylists().entrySet()) {
      put(outputKey(media.getKey() + "/" + StorageLayout.HLS_MEDIA), utf8(media.getValue()));
    }
    put(outputKey(StorageLayout.DASH_MPD), utf8(manifests.mpd()));
    put(outputKey(StorageLayout.HLS_MULTIVARIANT), utf8(manifests.multivariantPlaylist()));
  }

  private void delete(String key) {
    try {
      output.delete(key);
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          "cannot delete " + key + " from " + output.describe() + ": " + e.getMessage(),
          e);
    }
  }

  private void writeManifests() {
    List<RenditionTimeline> timelines = new ArrayList<>();
    for (RenditionInfo rendition : started.renditions()) {
      timelines.add(
          new RenditionTimeline(
              rendition, codecs.get(rendition.name()), published.get(rendition.name())));
    }
    writeManifests(VodManifests.build(timelines, started.segmentDuration()));
    String mpd = outputKey(StorageLayout.DASH_MPD);
    String hls = outputKey(StorageLayout.HLS_MULTIVARIANT);
    status = Status.COMPLETED;
    LOG.info(
        "stream {}: packaged {} segments of {} renditions",
        streamId,
        nextSequence,
        started.renditions().size());
    producer.sendAndWait(
        Topics.JOB_EVENTS,
        started.jobId(),
        JobEvent.of(started.jobId(), streamId, JobEventType.COMPLETED, clock.instant())
            .withTotal(nextSequence)
            .withOutputs(new JobOutputs(hls, mpd)));
  }

  private String outputKey(String relative) {
    return StorageKeys.join(started.outputPrefix(), relative);
  }

  private byte[] readBytes(String key, String name) {
    try {
      return work.read(key);
    } catch (java.nio.file.NoSuchFileException e) {
      throw invariant(name + ": " + key + " is missing in " + work.describe());
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE, name + ": cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  private void put(String key, byte[] bytes) {
    try {
      output.putAtomically(key, bytes);
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          "cannot write " + key + " to " + output.describe() + ": " + e.getMessage(),
          e);
    }
    registry
        .counter(MetricNames.STORAGE_BYTES_WRITTEN, MetricNames.TAG_STAGE, "packager")
        .increment(bytes.length);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static PipelineException invariant(String message) {
    return new PipelineException(ErrorCode.SEGMENT_INVARIANT_VIOLATED, message);
  }
}
