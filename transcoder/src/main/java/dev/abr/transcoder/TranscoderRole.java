package dev.abr.transcoder;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.kafka.DeadLetter;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaWorker;
import dev.abr.core.kafka.KafkaWorkerConfig;
import dev.abr.core.kafka.MicrometerWorkerListener;
import dev.abr.core.kafka.WorkerListener;
import dev.abr.core.kafka.WorkerListeners;
import dev.abr.core.kafka.WorkerRole;
import dev.abr.core.kafka.WorkerSettings;
import dev.abr.core.message.FragmentFailed;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TranscodeDeadLettered;
import dev.abr.core.message.TranscodeRequested;
import dev.abr.core.storage.ObjectStore;
import dev.abr.media.EncoderThreads;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcoder role: a member of consumer group {@code abr-transcoder} on {@link
 * Topics#TRANSCODE_REQUESTED}. Retriable failures are retried with back-off by the worker; a chunk
 * that still fails (or fails on bad media) goes to the dead-letter topic with its code, and the
 * packager and job watchers are told the segment cannot be made.
 */
public final class TranscoderRole implements WorkerRole {
  private static final Logger LOG = LoggerFactory.getLogger(TranscoderRole.class);

  /** The consumer group of transcoders. */
  public static final String GROUP = "abr-transcoder";

  private final JsonProducer producer;
  private final KafkaWorker<TranscodeRequested> worker;

  private TranscoderRole(JsonProducer producer, KafkaWorker<TranscodeRequested> worker) {
    this.producer = producer;
    this.worker = worker;
  }

  /**
   * Starts consuming with {@code concurrency} chunks in flight (each chunk's x264 encoders run
   * their own threads, so 1 keeps a 2-core machine busy); {@code listener} also hears the worker's
   * events (for start-up timings). Each chunk's encoders share this machine's cores divided by
   * {@code concurrency} ({@link EncoderThreads#shareOf}).
   */
  public static TranscoderRole start(
      WorkerSettings kafka,
      ObjectStore work,
      MeterRegistry registry,
      Clock clock,
      int concurrency,
      WorkerListener listener) {
    return start(kafka, work, registry, clock, concurrency, defaultThreads(concurrency), listener);
  }

  /**
   * Like {@link #start(WorkerSettings, ObjectStore, MeterRegistry, Clock, int, WorkerListener)},
   * with {@code threads} threads for each rendition's encoder.
   */
  public static TranscoderRole start(
      WorkerSettings kafka,
      ObjectStore work,
      MeterRegistry registry,
      Clock clock,
      int concurrency,
      EncoderThreads threads,
      WorkerListener listener) {
    LOG.info("x264 threads: {}", threads);
    JsonProducer producer = JsonProducer.create(kafka.bootstrapServers(), kafka.producerClientId());
    ChunkTranscoding transcoding = new ChunkTranscoding(work, producer, clock, registry, threads);
    KafkaWorkerConfig config =
        kafka.workerConfig(GROUP, Topics.TRANSCODE_REQUESTED).withConcurrency(concurrency);
    KafkaWorker<TranscodeRequested> worker =
        KafkaWorker.start(
            config,
            TranscodeRequested.class,
            transcoding::handle,
            (DeadLetter<TranscodeRequested> letter) -> deadLetter(producer, clock, letter),
            WorkerListeners.all(new MicrometerWorkerListener(registry, "transcoder"), listener));
    return new TranscoderRole(producer, worker);
  }

  /**
   * The default for {@code concurrency} chunks at once: each chunk's encoders share this machine's
   * cores divided by {@code concurrency}.
   */
  public static EncoderThreads defaultThreads(int concurrency) {
    return EncoderThreads.shareOf(
        Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, concurrency)));
  }

  private static void deadLetter(
      JsonProducer producer, Clock clock, DeadLetter<TranscodeRequested> letter) {
    if (letter.value().isEmpty()) {
      LOG.error(
          "dropped an unreadable transcode request at {}-{}@{}: {}",
          letter.topic(),
          letter.partition(),
          letter.offset(),
          letter.message());
      return;
    }
    TranscodeRequested request = letter.value().get();
    ErrorCode code = letter.code();
    LOG.warn(
        "chunk {} of stream {} dead-lettered after {} attempt(s): {} [{}]",
        request.sequence(),
        request.streamId(),
        letter.attempts(),
        letter.message(),
        code);
    producer.sendAndWait(
        Topics.TRANSCODE_DEAD_LETTER,
        Topics.chunkKey(request.streamId(), request.sequence()),
        new TranscodeDeadLettered(
            request, code, letter.message(), letter.attempts(), clock.instant()));
    producer.sendAndWait(
        Topics.PACKAGE_REQUESTED,
        request.streamId(),
        new FragmentFailed(
            request.jobId(),
            request.streamId(),
            "*",
            request.segments().get(0).sequence(),
            code,
            letter.message(),
            clock.instant()));
    producer.sendAndWait(
        Topics.JOB_EVENTS,
        request.jobId(),
        JobEvent.of(request.jobId(), request.streamId(), JobEventType.FAILED, clock.instant())
            .withSequence(request.segments().get(0).sequence())
            .withError(new JobError(code, letter.message())));
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

  /** Stops taking chunks, finishes the ones in flight (within the grace), closes. */
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
