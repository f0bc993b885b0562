package dev.abr.app;

import dev.abr.s3.StorageLocation;
import java.nio.file.Path;

/**
 * The configuration of {@code abr ingest}.
 *
 * @param process Kafka, drain grace, topics and ops server
 * @param storage the work store where source chunks are written
 * @param tempDir the local scratch folder for chunk files before they are stored
 * @param segmentsPerChunk VOD segments per transcoded chunk, at least 1
 */
record IngestConfig(
    WorkerProcessConfig process, StorageLocation storage, Path tempDir, int segmentsPerChunk) {
  /** The default drain grace of ingest, in seconds. */
  static final int DEFAULT_DRAIN_GRACE_SECONDS = 20;

  IngestConfig {
    if (segmentsPerChunk < 1) {
      throw new IllegalArgumentException("segmentsPerChunk must be at least 1: " + segmentsPerChunk);
    }
  }
}
