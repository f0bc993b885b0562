package dev.abr.app;

import dev.abr.media.EncoderThreads;
import dev.abr.s3.StorageLocation;

/**
 * The configuration of {@code abr transcoder}.
 *
 * @param process Kafka, drain grace, topics and ops server
 * @param storage the work store: source chunks are read from it, rendition fragments written to it
 * @param concurrency chunks transcoded at once, at least 1
 * @param encoderThreads threads per rendition encoder
 */
record TranscoderConfig(
    WorkerProcessConfig process,
    StorageLocation storage,
    int concurrency,
    EncoderThreads encoderThreads) {
  /** The default drain grace of the transcoder, in seconds: a chunk can take a while. */
  static final int DEFAULT_DRAIN_GRACE_SECONDS = 60;

  TranscoderConfig {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
  }
}
