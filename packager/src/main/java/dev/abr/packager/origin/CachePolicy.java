package dev.abr.packager.origin;

/** The {@code Cache-Control} of an object, decided by its key alone. */
final class CachePolicy {
  /**
   * Segments and CMAF headers never change once written: their names derive from (stream,
   * rendition, sequence) and a rewrite has the same bytes.
   */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /**
   * Manifests change while a live presentation runs; one second is below any segment duration, so a
   * cache never hides a new segment for long, and VOD manifests cost one revalidation a second.
   */
  static final String MANIFEST = "public, max-age=1";

  /** Anything else (player page, scripts, unknown files): always revalidate. */
  static final String REVALIDATE = "no-cache";

  private CachePolicy() {}

  /** Returns the {@code Cache-Control} value for {@code key}. */
  static String of(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.endsWith(".m3u8") || name.endsWith(".mpd")) {
      return MANIFEST;
    }
    if (name.endsWith(".m4s") || name.endsWith(".mp4") || name.endsWith(".m4a")) {
      return IMMUTABLE;
    }
    return REVALIDATE;
  }
}
