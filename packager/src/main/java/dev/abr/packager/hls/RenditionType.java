package dev.abr.packager.hls;

/** The {@code TYPE} of an {@code EXT-X-MEDIA} rendition (RFC 8216 §4.3.4.1). */
public enum RenditionType {
  /** An alternative audio rendition, referenced by a variant's {@code AUDIO} group. */
  AUDIO
}
