package dev.abr.ingest.vod;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.StreamEnded;
import dev.abr.core.message.StreamStarted;
import dev.abr.core.message.Topics;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.LadderPlanner;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.time.Timescales;
import dev.abr.ingest.stream.IngestContext;
import dev.abr.ingest.stream.IngestEvents;
import dev.abr.ingest.stream.Renditions;
import dev.abr.ingest.stream.SourceIngest;
import dev.abr.ingest.stream.StreamState;
import dev.abr.media.MediaSource;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VOD intake: probes the job's input (a local file, or an {@code s3://} object fetched into the
 * scratch folder by {@link VodInputs}), plans the ladder, then runs one {@link SourceIngest} over
 * it: the video cut at key frames into stream-copied chunks of several segments, the audio encoded
 * once, continuously. Publishes {@link StreamStarted}, the chunks and audio fragments, and {@link
 * StreamEnded}, plus job events. One call handles one job on the calling thread.
 */
public final class VodIngest {
  private static final Logger LOG = LoggerFactory.getLogger(VodIngest.class);

  private final IngestContext context;
  private final IngestEvents events;
  private final VodInputs inputs;

  /**
   * @param context where chunks and events go
   * @param inputs how a job's input becomes a local file (a path, or a downloaded {@code s3://}
   *     object)
   */
  public VodIngest(IngestContext context, VodInputs inputs) {
    this.context = context;
    this.events = context.events();
    this.inputs = inputs;
  }

  /**
   * Ingests one job. On failure the packager and watchers have already been told (stream failed,
   * job failed) when this throws.
   *
   * @throws PipelineException naming the file and the reason
   */
  public void run(JobSubmitted job) {
    try {
      ingest(job);
    } catch (PipelineException e) {
      fail(job, e);
      throw e;
    } catch (RuntimeException e) {
      PipelineException wrapped =
          PipelineException.wrap(e, "ingest of " + VodInputs.describe(job.input()));
      fail(job, wrapped);
      throw wrapped;
    }
  }

  private void ingest(JobSubmitted job) {
    Ladder ladder = job.ladder();
    try (VodInputs.InputFile input = inputs.open(job.input());
        MediaSource source = MediaSource.openFile(input.path(), context.settings().limits())) {
      SourceInfo info = source.info();
      VideoPlan videoPlan = info.video().map(v -> LadderPlanner.planVideo(v, ladder)).orElse(null);
      AudioPlan audioPlan = LadderPlanner.planAudio(info.audio(), ladder).orElse(null);
      if (videoPlan == null && audioPlan == null) {
        throw new PipelineException(
            ErrorCode.INPUT_UNSUPPORTED_FORMAT,
            source.name()
                + ": has audio only, but ladder "
                + ladder.name()
                + " has no audio rendition");
      }
      StreamState state =
          new StreamState(
              job.jobId(),
              job.streamId(),
              videoPlan,
              audioPlan,
              job.segmentDuration(),
              context.settings().segmentsPerChunk(),
              Optional.empty());
      events.job(
          events
              .event(job.jobId(), job.streamId(), JobEventType.PROBED)
              .withDetail(Renditions.describe(source.name(), info, state)));
      context
          .producer()
          .sendAndWait(
              Topics.PACKAGE_REQUESTED,
              job.streamId(),
              new StreamStarted(
                  job.jobId(),
                  job.streamId(),
                  "vod",
                  job.outputPrefix(),
                  Renditions.of(state),
                  job.segmentDuration(),
                  context.clock().instant()));
      SourceIngest.Ended ended = new SourceIngest(state, source, context, false).run();
      checkNotTruncated(source.name(), info, ended.mediaEndTicks());
      long segments = state.segments();
      context
          .producer()
          .sendAndWait(
              Topics.PACKAGE_REQUESTED,
              job.streamId(),
              new StreamEnded(job.jobId(), job.streamId(), segments, context.clock().instant()));
      events.job(
          events
              .event(job.jobId(), job.streamId(), JobEventType.CHUNKING_COMPLETED)
              .withTotal(segments));
      LOG.info("job {}: {} cut into {} segments", job.jobId(), source.name(), segments);
    }
  }

  private static void checkNotTruncated(String name, SourceInfo info, long endTicks) {
    long declared = info.duration().ticks();
    if (declared <= 0) {
      return;
    }
    long missing = declared - endTicks;
    if (missing > Timescales.SOURCE && missing * 10 > declared) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          String.format(
              Locale.ROOT,
              "%s: the file is truncated: its media ends at %.1f s but it declares %.1f s",
              name,
              endTicks / (double) Timescales.SOURCE,
              declared / (double) Timescales.SOURCE));
    }
  }

  private void fail(JobSubmitted job, PipelineException e) {
    context
        .registry()
        .counter(
            MetricNames.FAILURES,
            MetricNames.TAG_STAGE,
            "ingest",
            MetricNames.TAG_CODE,
            e.code().name())
        .increment();
    if (!e.code().isRetriable()) {
      LOG.warn("job {}: {} [{}]", job.jobId(), e.getMessage(), e.code());
      events.failed(job.jobId(), job.streamId(), e);
    }
  }
}
