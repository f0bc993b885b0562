package dev.abr.packager.hls;

/**
 * The media initialization section of fMP4 segments (the CMAF header), written as {@code
 * EXT-X-MAP:URI="..."} (RFC 8216 §4.3.2.5).
 *
 * @param uri its URI, relative to the media playlist
 */
public record MediaInitialization(String uri) {
  public MediaInitialization {
    HlsText.uriLine("EXT-X-MAP URI", uri);
  }

  /** Returns the initialization section at {@code uri}. */
  public static MediaInitialization of(String uri) {
    return new MediaInitialization(uri);
  }
}
