package dev.abr.core.message;

import java.time.Instant;
import java.util.Optional;

/**
 * One step of a job's life ({@code schemas/job-event.v1.schema.json}).
 *
 * @param jobId job id
 * @param streamId stream id
 * @param type the step
 * @param at wall-clock time
 * @param sequence chunk or segment number, for per-chunk steps
 * @param rendition rendition name, for per-rendition steps
 * @param total how many chunks or renditions there are, when known
 * @param detail a human-readable line (for example the probe summary)
 * @param error why it failed, for {@code failed}
 * @param outputs manifest keys, for {@code completed}
 */
public record JobEvent(
    String jobId,
    String streamId,
    JobEventType type,
    Instant at,
    Optional<Long> sequence,
    Optional<String> rendition,
    Optional<Long> total,
    Optional<String> detail,
    Optional<JobError> error,
    Optional<JobOutputs> outputs) {

  /** An event with only the required fields set. */
  public static JobEvent of(String jobId, String streamId, JobEventType type, Instant at) {
    return new JobEvent(
        jobId,
        streamId,
        type,
        at,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public JobEvent withSequence(long value) {
    return new JobEvent(
        jobId, streamId, type, at, Optional.of(value), rendition, total, detail, error, outputs);
  }

  public JobEvent withRendition(String value) {
    return new JobEvent(
        jobId, streamId, type, at, sequence, Optional.of(value), total, detail, error, outputs);
  }

  public JobEvent withTotal(long value) {
    return new JobEvent(
        jobId, streamId, type, at, sequence, rendition, Optional.of(value), detail, error, outputs);
  }

  public JobEvent withDetail(String value) {
    return new JobEvent(
        jobId, streamId, type, at, sequence, rendition, total, Optional.of(value), error, outputs);
  }

  public JobEvent withError(JobError value) {
    return new JobEvent(
        jobId, streamId, type, at, sequence, rendition, total, detail, Optional.of(value), outputs);
  }

  public JobEvent withOutputs(JobOutputs value) {
    return new JobEvent(
        jobId, streamId, type, at, sequence, rendition, total, detail, error, Optional.of(value));
  }
}
