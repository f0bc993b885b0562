package dev.abr.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The life-cycle steps a job reports on {@link Topics#JOB_EVENTS}. */
public enum JobEventType {
  @JsonProperty("submitted")
  SUBMITTED,
  @JsonProperty("probed")
  PROBED,
  @JsonProperty("chunk.cut")
  CHUNK_CUT,
  @JsonProperty("chunking.completed")
  CHUNKING_COMPLETED,
  @JsonProperty("fragment.transcoded")
  FRAGMENT_TRANSCODED,
  @JsonProperty("segment.packaged")
  SEGMENT_PACKAGED,
  @JsonProperty("completed")
  COMPLETED,
  @JsonProperty("failed")
  FAILED
}
