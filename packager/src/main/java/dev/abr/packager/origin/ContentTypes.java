package dev.abr.packager.origin;

import java.util.Locale;

/** The {@code Content-Type} of an object, decided by its key alone. */
final class ContentTypes {
  static final String HLS_PLAYLIST = "application/vnd.apple.mpegurl"; // RFC 8216 §4
  static final String DASH_MPD = "application/dash+xml"; // ISO/IEC 23009-1 Annex C
  static final String SEGMENT = "video/iso.segment"; // IANA, ISO/IEC 23009-1 Annex C
  static final String VIDEO_MP4 = "video/mp4"; // RFC 4337
  static final String AUDIO_MP4 = "audio/mp4"; // RFC 4337
  static final String OCTET_STREAM = "application/octet-stream";

  private ContentTypes() {}

  /**
   * Returns the content type of {@code key}: by extension, except that fMP4 files ({@code .mp4},
   * {@code .m4s}) in a rendition folder whose name starts with {@code audio} are {@code audio/mp4}.
   */
  static String of(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (extension) {
      case "m3u8" -> HLS_PLAYLIST;
      case "mpd" -> DASH_MPD;
      case "m4s" -> inAudioFolder(key) ? AUDIO_MP4 : SEGMENT;
      case "mp4" -> inAudioFolder(key) ? AUDIO_MP4 : VIDEO_MP4;
      case "m4a" -> AUDIO_MP4;
      case "ts" -> "video/mp2t";
      case "vtt" -> "text/vtt; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8"; // RFC 9239
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "json" -> "application/json";
      case "md" -> "text/markdown; charset=utf-8";
      case "txt" -> "text/plain; charset=utf-8";
      default -> OCTET_STREAM;
    };
  }

  private static boolean inAudioFolder(String key) {
    int slash = key.lastIndexOf('/');
    if (slash < 0) {
      return false;
    }
    String folder = key.substring(key.lastIndexOf('/', slash - 1) + 1, slash);
    return folder.toLowerCase(Locale.ROOT).startsWith("audio");
  }
}
