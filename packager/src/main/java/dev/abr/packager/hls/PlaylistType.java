package dev.abr.packager.hls;

/** The {@code EXT-X-PLAYLIST-TYPE} of a media playlist (RFC 8216 §4.3.3.5). */
public enum PlaylistType {
  /** The playlist is complete and never changes; it ends with {@code EXT-X-ENDLIST}. */
  VOD,
  /** Segments are only ever appended; none is removed. */
  EVENT
}
