package dev.abr.core.message;

/**
 * Kafka topic names ({@code abr.<entity>.<event>.v<major>}) and the record key rules. Every topic
 * carries JSON whose schema is in {@code schemas/}.
 */
public final class Topics {
  /** {@link JobSubmitted}, key = job id. Consumed by ingest. */
  public static final String JOB_SUBMITTED = "abr.job.submitted.v1";

  /** {@link TranscodeRequested}, key = {@code streamId/sequence}. Consumed by transcoders. */
  public static final String TRANSCODE_REQUESTED = "abr.transcode.requested.v1";

  /** {@link PackageEvent}s, key = stream id (one owner per stream). Consumed by the packager. */
  public static final String PACKAGE_REQUESTED = "abr.package.requested.v1";

  /** {@link JobEvent}s, key = job id. For progress, dashboards and the CLI. */
  public static final String JOB_EVENTS = "abr.job.event.v1";

  /** {@link TranscodeDeadLettered}, key = {@code streamId/sequence}: poison chunks. */
  public static final String TRANSCODE_DEAD_LETTER = "abr.transcode.deadletter.v1";

  private Topics() {}

  /** The key of a chunk's transcode request. */
  public static String chunkKey(String streamId, long sequence) {
    return streamId + "/" + sequence;
  }
}
