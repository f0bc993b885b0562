package dev.abr.ingest.role;

import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.DeadLetter;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaWorker;
import dev.abr.core.kafka.KafkaWorkerConfig;
import dev.abr.core.kafka.MicrometerWorkerListener;
import dev.abr.core.kafka.RecordContext;
import dev.abr.core.kafka.WorkerRole;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.StreamFailed;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.ObjectStore;
import dev.abr.ingest.stream.IngestContext;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.ingest.vod.VodIngest;
import dev.abr.ingest.vod.VodInputs;
import dev.abr.s3.S3Options;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest role: a member of consumer group {@code abr-ingest} on {@link Topics#JOB_SUBMITTED}
 * that runs {@link VodIngest} for each job. A job that fails on its input is finished (its failure
 * published, its offset committed); storage or Kafka trouble is retried by the worker, and a job
 * that still fails is dead-lettered with its reason published.
 */
public final class IngestRole implements WorkerRole {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRole.class);

  /** The consumer group of ingest workers. */
  public static final String GROUP = "abr-ingest";

  private final JsonProducer producer;
  private final KafkaWorker<JobSubmitted> worker;

  private IngestRole(JsonProducer producer, KafkaWorker<JobSubmitted> worker) {
    this.producer = producer;
    this.worker = worker;
  }

  /**
   * Starts consuming as the member {@code kafka} describes; chunks go to {@code work}, scratch
   * files (and {@code s3://} inputs, read with the AWS default credential chain) to {@code
   * tempDir}.
   */
  public static IngestRole start(
      WorkerSettings kafka,
      ObjectStore work,
      Path tempDir,
      MeterRegistry registry,
      Clock clock,
      IngestSettings settings) {
    return start(kafka, work, tempDir, registry, clock, settings, S3Options.defaults());
  }

  /**
   * Starts consuming like {@link #start(WorkerSettings, ObjectStore, Path, MeterRegistry, Clock,
   * IngestSettings)}, reading {@code s3://} inputs with {@code inputOptions} (for example explicit
   * credentials).
   */
  public static IngestRole start(
      WorkerSettings kafka,
      ObjectStore work,
      Path tempDir,
      MeterRegistry registry,
      Clock clock,
      IngestSettings settings,
      S3Options inputOptions) {
    JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), kafka.producerClientId());
    VodIngest ingest =
        new VodIngest(
            new IngestContext(work, producer, clock, registry, settings, tempDir),
            new VodInputs(tempDir, inputOptions));
    KafkaWorkerConfig config = kafka.workerConfig(GROUP, Topics.JOB_SUBMITTED);
    KafkaWorker<JobSubmitted> worker =
        KafkaWorker.start(
            config,
            JobSubmitted.class,
            (JobSubmitted job, RecordContext context) -> {
              LOG.info(
                  "job {} received for stream {} (attempt {})",
                  job.jobId(),
                  job.streamId(),
                  context.attempt());
              try {
                ingest.run(job);
              } catch (PipelineException e) {
                if (e.code().isRetriable()) {
                  throw e;
                }
                // Input failures are finished jobs: their failure is already published.
              }
            },
            (DeadLetter<JobSubmitted> letter) -> deadLetter(producer, clock, letter),
            new MicrometerWorkerListener(registry, "ingest"));
    return new IngestRole(producer, worker);
  }

  private static void deadLetter(
      JsonProducer producer, Clock clock, DeadLetter<JobSubmitted> letter) {
    if (letter.value().isEmpty()) {
      LOG.error(
          "dropped an unreadable job submission at {}-{}@{}: {}",
          letter.topic(),
          letter.partition(),
          letter.offset(),
          letter.message());
      return;
    }
    JobSubmitted job = letter.value().get();
    producer.sendAndWait(
        Topics.PACKAGE_REQUESTED,
        job.streamId(),
        new StreamFailed(
            job.jobId(), job.streamId(), letter.code(), letter.message(), clock.instant()));
    producer.sendAndWait(
        Topics.JOB_EVENTS,
        job.jobId(),
        JobEvent.of(job.jobId(), job.streamId(), JobEventType.FAILED, clock.instant())
            .withError(new JobError(letter.code(), letter.message())));
  }

  @Override
  public boolean isHealthy() {
    return worker.isHealthy();
  }

  @Override
  public boolean isReady() {
    return worker.isReady();
  }

  @Override
  public boolean isDrained() {
    return worker.isDrained();
  }

  /** Stops taking jobs, finishes the one in flight (within the grace), closes. */
  @Override
  public void close() {
    worker.close();
    producer.close();
  }

  @Override
  public void abort() {
    worker.abort();
  }
}
