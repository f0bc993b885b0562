package dev.abr.ingest.stream;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.StreamFailed;
import dev.abr.core.message.Topics;
import java.time.Clock;

/** Publishes a job's life-cycle facts for ingest. */
public final class IngestEvents {
  private final JsonProducer producer;
  private final Clock clock;

  public IngestEvents(JsonProducer producer, Clock clock) {
    this.producer = producer;
    this.clock = clock;
  }

  public JobEvent event(String jobId, String streamId, JobEventType type) {
    return JobEvent.of(jobId, streamId, type, clock.instant());
  }

  public void job(JobEvent event) {
    producer.sendAndWait(Topics.JOB_EVENTS, event.jobId(), event);
  }

  /** Tells the packager and every watcher that the job failed, with the reason. */
  public void failed(String jobId, String streamId, PipelineException failure) {
    ErrorCode code = failure.code();
    producer.sendAndWait(
        Topics.PACKAGE_REQUESTED,
        streamId,
        new StreamFailed(jobId, streamId, code, failure.getMessage(), clock.instant()));
    job(
        event(jobId, streamId, JobEventType.FAILED)
            .withError(new JobError(code, failure.getMessage())));
  }
}
