package dev.abr.ingest.live;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.LiveWindow;
import dev.abr.core.message.StreamEnded;
import dev.abr.core.message.StreamStarted;
import dev.abr.core.message.Topics;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.LadderPlanner;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.time.Rational;
import dev.abr.ingest.stream.IngestContext;
import dev.abr.ingest.stream.IngestEvents;
import dev.abr.ingest.stream.Renditions;
import dev.abr.ingest.stream.SourceIngest;
import dev.abr.ingest.stream.StreamState;
import dev.abr.media.MediaSource;
import dev.abr.media.SourcePacket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live intake: turns each connection of a live stream (an RTMP or SRT publish, a pulled UDP, RTSP
 * or SRT source) into chunks and audio fragments through {@link SourceIngest}, exactly as VOD does,
 * one segment per chunk.
 *
 * <p>A stream's first connection starts a <em>run</em>: the ladder is planned from that source, a
 * {@link StreamStarted} in live mode goes to the packager, and the run is packaged under {@code
 * live/<stream>/<run>}. When the connection ends, the run waits {@link
 * LiveIngestSettings#reconnectWindow()} for the publisher: a connection in that time continues the
 * run (numbering, video grid and audio carry on; its first segment is a discontinuity); otherwise
 * the run ends ({@link StreamEnded}: the playlists get ENDLIST, the MPD turns static). A timestamp
 * discontinuity inside a connection (an encoder restart on a TS source) is handled the same way as
 * a reconnection, without the wait.
 *
 * <p>Thread-safe: connections of different streams run on their callers' threads at once; a stream
 * has at most one connection at a time.
 */
public final class LiveIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveIngest.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** How long {@link #close()} waits for connections to finish publishing what they received. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

  private final IngestContext context;
  private final LiveIngestSettings settings;
  private final IngestEvents events;
  private final ScheduledExecutorService timer;
  private final Map<String, Run> runs = new HashMap<>();
  private boolean closed;

  /** One live event of a stream. Guarded by the LiveIngest's lock, except {@link #state}. */
  private static final class Run {
    final LiveStreamConfig config;
    final String runId;
    final String key;
    final String outputPrefix;
    final Instant startedAt;

    /** Used by the connected thread only (or the ending thread, once nothing is connected). */
    final StreamState state;

    boolean connected;
    boolean ended;

    /** End as soon as the connection does, without waiting for a reconnection. */
    boolean endOnDetach;

    int connections;
    @Nullable Instant disconnectedAt;
    @Nullable ScheduledFuture<?> ending;

    Run(LiveStreamConfig config, String runId, StreamState state, Instant startedAt) {
      this.config = config;
      this.runId = runId;
      this.key = state.streamId();
      this.outputPrefix = "live/" + config.id() + "/" + runId;
      this.state = state;
      this.startedAt = startedAt;
    }

    LiveRunInfo info() {
      return new LiveRunInfo(
          config.id(),
          runId,
          outputPrefix,
          connected,
          connections,
          state.segments(),
          startedAt,
          Optional.ofNullable(disconnectedAt));
    }
  }

  /**
   * @param context where chunks go, with the chunking settings of {@code settings}
   */
  public LiveIngest(IngestContext context, LiveIngestSettings settings) {
    this.context =
        new IngestContext(
            context.work(),
            context.producer(),
            context.clock(),
            context.registry(),
            settings.chunking(),
            context.tempDir());
    this.settings = settings;
    this.events = context.events();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "live-ingest-timer");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs one connection of {@code config}'s stream to its end, on the calling thread: the source's
   * end, its silence past the read timeout and its disappearance all end the connection normally
   * (the run then waits for a reconnection). Closes nothing: the caller owns {@code source}.
   *
   * @throws PipelineException when the connection cannot continue the stream and cannot start one
   *     (the run has been failed and its failure published), or when this intake is closed
   * @throws IllegalStateException when the stream already has a connection
   */
  public void connect(LiveStreamConfig config, MediaSource source) {
    Run run = attach(config, source.info(), source.name());
    boolean failed = false;
    try {
      boolean discontinuity = run.connections > 1;
      Optional<SourcePacket> carry = Optional.empty();
      do {
        SourceIngest.Ended ended =
            new SourceIngest(run.state, source, context, discontinuity, carry).run();
        carry = ended.carry();
        if (carry.isPresent()) {
          LOG.info(
              "stream {}: the source's timestamps jumped; segment {} starts a new period",
              config.id(),
              run.state.segments());
        }
        discontinuity = true;
      } while (carry.isPresent());
    } catch (PipelineException e) {
      failed = true;
      fail(run, e);
      throw e;
    } catch (RuntimeException e) {
      failed = true;
      PipelineException wrapped = PipelineException.wrap(e, "live stream " + config.id());
      fail(run, wrapped);
      throw wrapped;
    } finally {
      if (!failed) {
        detach(run);
      }
    }
  }

  private Run attach(LiveStreamConfig config, SourceInfo info, String sourceName) {
    Run ended = null;
    Run run;
    boolean fresh;
    synchronized (this) {
      if (closed) {
        throw new PipelineException(
            ErrorCode.SOURCE_UNAVAILABLE,
            "stream " + config.id() + ": live intake is shutting down");
      }
      run = runs.get(config.id());
      if (run != null && run.connected) {
        throw new IllegalStateException("stream " + config.id() + " already has a connection");
      }
      fresh = run == null || !continues(run, info);
      if (fresh) {
        Run replacement = newRun(config, info, sourceName);
        if (run != null) {
          LOG.info(
              "stream {}: the publisher came back with different tracks; run {} ends and run {} starts",
              config.id(),
              run.runId,
              replacement.runId);
          ended = run;
          takeOut(run);
        }
        run = replacement;
        runs.put(config.id(), run);
      } else if (run.ending != null) {
        run.ending.cancel(false);
        run.ending = null;
      }
      run.connected = true;
      run.connections++;
      Instant away = run.disconnectedAt;
      run.disconnectedAt = null;
      if (!fresh) {
        LOG.info(
            "stream {}: publisher back after {} ms; run {} continues with a discontinuity at segment {}",
            config.id(),
            away == null ? 0 : Duration.between(away, context.clock().instant()).toMillis(),
            run.runId,
            run.state.segments());
      }
    }
    if (ended != null) {
      end(ended);
    }
    if (fresh) {
      start(run, info, sourceName);
    }
    return run;
  }

  private Run newRun(LiveStreamConfig config, SourceInfo info, String sourceName) {
    VideoPlan video =
        info.video().map(v -> LadderPlanner.planVideo(v, config.ladder())).orElse(null);
    AudioPlan audio = LadderPlanner.planAudio(info.audio(), config.ladder()).orElse(null);
    if (video == null && audio == null) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT,
          sourceName
              + ": has audio only, but ladder "
              + config.ladder().name()
              + " has no audio rendition");
    }
    Instant now = context.clock().instant();
    String runId = RUN_ID.format(now);
    Run previous = runs.get(config.id());
    if (previous != null && previous.runId.equals(runId)) {
      runId = RUN_ID.format(now.plusSeconds(1)); // two runs in one second: keep the ids apart
    }
    String key = config.id() + "_" + runId;
    LiveWindow window =
        new LiveWindow(
            maxSegmentDuration(config.segmentDuration()),
            config.windowSegments(),
            config.dvrSegments());
    StreamState state =
        new StreamState(key, key, video, audio, config.segmentDuration(), 1, Optional.of(window));
    return new Run(config, runId, state, now);
  }

  /**
   * The longest segment the live chunker makes: a chunk (cut at a key frame near the target, or at
   * twice the target without one) is split into segments of the target while one and a half remain,
   * so no segment exceeds one and a half targets.
   */
  static Rational maxSegmentDuration(Rational segmentDuration) {
    return segmentDuration.times(Rational.of(3, 2));
  }

  private void start(Run run, SourceInfo info, String sourceName) {
    StreamState state = run.state;
    events.job(
        events
            .event(run.key, run.key, JobEventType.PROBED)
            .withDetail(Renditions.describe(sourceName, info, state)));
    context
        .producer()
        .sendAndWait(
            Topics.PACKAGE_REQUESTED,
            run.key,
            new StreamStarted(
                run.key,
                run.key,
                "live",
                run.outputPrefix,
                Renditions.of(state),
                run.config.segmentDuration(),
                context.clock().instant(),
                Optional.of(liveWindow(run))));
    context.registry().counter(MetricNames.LIVE_RUNS_STARTED).increment();
    LOG.info(
        "stream {}: run {} started: {}",
        run.config.id(),
        run.runId,
        Renditions.describe(sourceName, info, state));
  }

  private static LiveWindow liveWindow(Run run) {
    return run.state.liveWindow().orElseThrow();
  }

  /** A connection continues a run when it brings the tracks the run's renditions are made from. */
  private static boolean continues(Run run, SourceInfo info) {
    boolean video = run.state.videoPlan().isPresent();
    boolean audio = run.state.audioPlan().isPresent();
    return video == info.video().isPresent() && (!audio || info.audio().isPresent());
  }

  private void detach(Run run) {
    synchronized (this) {
      run.connected = false;
      run.disconnectedAt = context.clock().instant();
      notifyAll();
      if (run.ended) {
        return;
      }
      if (closed || run.endOnDetach) {
        takeOut(run);
      } else {
        LOG.info(
            "stream {}: publisher gone after {} segments; run {} ends in {} s unless it comes back",
            run.config.id(),
            run.state.segments(),
            run.runId,
            settings.reconnectWindow().toSeconds());
        run.ending =
            timer.schedule(
                () -> endIfStillGone(run),
                settings.reconnectWindow().toMillis(),
                TimeUnit.MILLISECONDS);
        return;
      }
    }
    end(run);
  }

  private void endIfStillGone(Run run) {
    synchronized (this) {
      if (run.connected || run.ended || runs.get(run.config.id()) != run) {
        return;
      }
      takeOut(run);
    }
    try {
      end(run);
    } catch (RuntimeException e) {
      LOG.error(
          "stream {}: could not end run {}: {}", run.config.id(), run.runId, e.getMessage(), e);
    }
  }

  /** Removes {@code run} under the lock; the caller then calls {@link #end}. */
  private void takeOut(Run run) {
    run.ended = true;
    if (run.ending != null) {
      run.ending.cancel(false);
      run.ending = null;
    }
    runs.remove(run.config.id(), run);
  }

  private void end(Run run) {
    long segments = run.state.segments();
    if (segments == 0) {
      events.failed(
          run.key,
          run.key,
          new PipelineException(
              ErrorCode.INPUT_UNREADABLE,
              "stream "
                  + run.config.id()
                  + ": the publisher went away before a whole segment arrived"));
      LOG.warn("stream {}: run {} ended without a segment", run.config.id(), run.runId);
      return;
    }
    context
        .producer()
        .sendAndWait(
            Topics.PACKAGE_REQUESTED,
            run.key,
            new StreamEnded(run.key, run.key, segments, context.clock().instant()));
    events.job(events.event(run.key, run.key, JobEventType.CHUNKING_COMPLETED).withTotal(segments));
    LOG.info(
        "stream {}: run {} ended after {} segments in {} connections",
        run.config.id(),
        run.runId,
        segments,
        run.connections);
  }

  private void fail(Run run, PipelineException e) {
    synchronized (this) {
      run.connected = false;
      notifyAll();
      if (run.ended) {
        return;
      }
      takeOut(run);
    }
    context
        .registry()
        .counter(
            MetricNames.FAILURES,
            MetricNames.TAG_STAGE,
            "ingest",
            MetricNames.TAG_CODE,
            e.code().name())
        .increment();
    LOG.warn(
        "stream {}: run {} failed: {} [{}]", run.config.id(), run.runId, e.getMessage(), e.code());
    try {
      events.failed(run.key, run.key, e);
    } catch (RuntimeException publish) {
      LOG.error(
          "stream {}: could not publish the failure of run {}: {}",
          run.config.id(),
          run.runId,
          publish.getMessage());
    }
  }

  /** The stream's current run, if it has one (connected, or waiting for its publisher). */
  public synchronized Optional<LiveRunInfo> run(String streamId) {
    return Optional.ofNullable(runs.get(streamId)).map(Run::info);
  }

  /** Every current run. */
  public synchronized List<LiveRunInfo> runs() {
    List<LiveRunInfo> all = new ArrayList<>();
    runs.values().forEach(run -> all.add(run.info()));
    return all;
  }

  /**
   * Ends the stream's run now if nothing is connected (the stream was deleted, or an operator does
   * not want to wait for the reconnect window). Returns false if there was no such run or it is
   * still connected.
   */
  public boolean endNow(String streamId) {
    Run run;
    synchronized (this) {
      run = runs.get(streamId);
      if (run == null || run.connected) {
        return false;
      }
      takeOut(run);
    }
    end(run);
    return true;
  }

  /**
   * Ends the stream's run as soon as nothing is connected: now if its publisher is gone, else when
   * the connection ends (for a deleted stream whose publisher is being disconnected). Returns false
   * if the stream has no run.
   */
  public boolean endWhenDisconnected(String streamId) {
    Run run;
    synchronized (this) {
      run = runs.get(streamId);
      if (run == null) {
        return false;
      }
      if (run.connected) {
        run.endOnDetach = true;
        return true;
      }
      takeOut(run);
    }
    end(run);
    return true;
  }

  /**
   * Stops taking connections and ends every run that is waiting for its publisher; runs still
   * connected end when their connection does, which this waits for (up to {@link #CLOSE_WAIT}).
   * Call after the servers feeding this have closed or disconnected their clients.
   */
  @Override
  public void close() {
    List<Run> waiting = new ArrayList<>();
    synchronized (this) {
      closed = true;
      long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
      long left;
      while (runs.values().stream().anyMatch(r -> r.connected)
          && (left = deadline - System.nanoTime()) > 0) {
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      for (Run run : List.copyOf(runs.values())) {
        if (!run.connected) {
          takeOut(run);
          waiting.add(run);
        }
      }
    }
    for (Run run : waiting) {
      try {
        end(run);
      } catch (RuntimeException e) {
        LOG.error(
            "stream {}: could not end run {}: {}", run.config.id(), run.runId, e.getMessage());
      }
    }
    timer.shutdownNow();
  }
}
