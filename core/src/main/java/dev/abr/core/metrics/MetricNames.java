package dev.abr.core.metrics;

/**
 * Micrometer meter names (lower-case, dotted) and tag keys. Tags are low-cardinality only: never
 * job ids, stream keys or URIs.
 */
public final class MetricNames {
  /** Counter: source chunks cut and stored by ingest. */
  public static final String INGEST_CHUNKS = "abr.ingest.chunks";

  /** Counter: audio fragments written by ingest. */
  public static final String INGEST_AUDIO_FRAGMENTS = "abr.ingest.audio.fragments";

  /** Counter: chunks fully transcoded. */
  public static final String TRANSCODE_CHUNKS = "abr.transcode.chunks";

  /**
   * Timer: time the transcoding thread spent in one rendition's encoder for one chunk; tag {@code
   * rendition}.
   */
  public static final String TRANSCODE_ENCODE = "abr.transcode.encode";

  /** Timer: wall time of one whole chunk (decode, filters, every encoder). */
  public static final String TRANSCODE_CHUNK = "abr.transcode.chunk";

  /** Counter: frames encoded; tag {@code rendition}. */
  public static final String TRANSCODE_FRAMES = "abr.transcode.frames";

  /** Counter: segments published by the packager. */
  public static final String PACKAGE_SEGMENTS = "abr.package.segments";

  /** Live runs started (a stream's first connection, or one after its reconnect window). */
  public static final String LIVE_RUNS_STARTED = "abr.live.runs.started";

  /**
   * Timer: live glass-to-playlist latency: from the last source packet of a segment's chunk
   * reaching ingest to the segment appearing in every playlist (percentiles 0.5 and 0.95).
   */
  public static final String LIVE_LATENCY = "abr.live.latency";

  /** Counter: bytes written to storage; tag {@code stage}. */
  public static final String STORAGE_BYTES_WRITTEN = "abr.storage.bytes.written";

  /** Counter: failures; tags {@code stage} and {@code code}. */
  public static final String FAILURES = "abr.failures";

  /** Tag key: pipeline stage ({@code ingest}, {@code transcoder}, {@code packager}). */
  public static final String TAG_STAGE = "stage";

  /** Tag key: rendition name. */
  public static final String TAG_RENDITION = "rendition";

  /** Tag key: error code. */
  public static final String TAG_CODE = "code";

  /** Tag key: outcome ({@code success}, {@code failure}). */
  public static final String TAG_OUTCOME = "outcome";

  private MetricNames() {}
}
