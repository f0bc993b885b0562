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
 * @param live the live listeners, if RTMP or SRT is on
 */
record IngestConfig(
    WorkerProcessConfig process,
    StorageLocation storage,
    Path tempDir,
    int segmentsPerChunk,
    java.util.Optional<Live> live) {
  /**
   * Live ingest settings.
   *
   * @param host address the listeners bind (the ops server's)
   * @param rtmpPort RTMP port, or -1 for none
   * @param srtPort SRT port, or -1 for none
   * @param keys where stream keys come from
   * @param apiToken bearer token of the stream API, if any
   * @param publicHost host name in ingest URLs
   * @param origin origin base URL for playback URLs
   * @param reconnectWindow how long a stream waits for its publisher
   */
  record Live(
      String host,
      int rtmpPort,
      int srtPort,
      dev.abr.ingest.live.StreamKeys keys,
      java.util.Optional<String> apiToken,
      String publicHost,
      java.net.URI origin,
      java.time.Duration reconnectWindow) {
    @Override
    public String toString() {
      return "Live[" + host + ", rtmp " + rtmpPort + ", srt " + srtPort + ", secrets redacted]";
    }
  }

  /** The default drain grace of ingest, in seconds. */
  static final int DEFAULT_DRAIN_GRACE_SECONDS = 20;

  IngestConfig {
    if (segmentsPerChunk < 1) {
      throw new IllegalArgumentException(
          "segmentsPerChunk must be at least 1: " + segmentsPerChunk);
    }
  }
}
