package dev.abr.core.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the packager of a stream is told, in stream order on {@link Topics#PACKAGE_REQUESTED}
 * ({@code schemas/package-event.v1.schema.json}). The JSON carries the kind in {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StreamStarted.class, name = "stream.started"),
  @JsonSubTypes.Type(value = FragmentReady.class, name = "fragment.ready"),
  @JsonSubTypes.Type(value = FragmentFailed.class, name = "fragment.failed"),
  @JsonSubTypes.Type(value = StreamEnded.class, name = "stream.ended"),
  @JsonSubTypes.Type(value = StreamFailed.class, name = "stream.failed")
})
public sealed interface PackageEvent
    permits StreamStarted, FragmentReady, FragmentFailed, StreamEnded, StreamFailed {
  /** Job id. */
  String jobId();

  /** Stream id, also the record key. */
  String streamId();
}
