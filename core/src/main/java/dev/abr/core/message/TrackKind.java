package dev.abr.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kind of a rendition's single track (CMAF: one track per rendition). */
public enum TrackKind {
  @JsonProperty("video")
  VIDEO,
  @JsonProperty("audio")
  AUDIO
}
