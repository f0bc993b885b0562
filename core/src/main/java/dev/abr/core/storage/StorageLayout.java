package dev.abr.core.storage;

import dev.abr.core.id.Ids;
import java.util.Locale;

/**
 * Where each object of the pipeline lives. Names are derived only from (stream, rendition,
 * sequence), so a redelivered job rewrites the same object.
 *
 * <pre>
 * work store:
 *   sources/{stream}/{seq:06}.mkv                source chunk (stream copy)
 *   renditions/{stream}/{rendition}/init.mp4     CMAF header of a rendition
 *   renditions/{stream}/{rendition}/{seq:06}.m4s CMAF fragment of one segment
 *   state/packager/{stream}/snapshot-{v:012}.json the packager's state of the stream, version v
 *   state/packager/{stream}/published-{b:06}.json segments 100b to 100b+99 as published (VOD)
 * output store, under the job's output prefix:
 *   main.m3u8, manifest.mpd                      HLS multivariant playlist, DASH MPD
 *   {rendition}/init.mp4, {rendition}/{seq}.m4s  CMAF header and segments
 *   {rendition}/playlist.m3u8                    HLS media playlist
 * </pre>
 */
public final class StorageLayout {
  /** HLS multivariant playlist name. */
  public static final String HLS_MULTIVARIANT = "main.m3u8";

  /** DASH MPD name. */
  public static final String DASH_MPD = "manifest.mpd";

  /** HLS media playlist name inside a rendition folder. */
  public static final String HLS_MEDIA = "playlist.m3u8";

  /** CMAF header name inside a rendition folder. */
  public static final String INIT = "init.mp4";

  private StorageLayout() {}

  /** The source chunk of segment {@code sequence}. */
  public static String sourceChunk(String streamId, long sequence) {
    return "sources/" + Ids.check("stream id", streamId) + "/" + sixDigits(sequence) + ".mkv";
  }

  /** The CMAF header of a rendition in the work store. */
  public static String renditionInit(String streamId, String rendition) {
    return "renditions/"
        + Ids.check("stream id", streamId)
        + "/"
        + Ids.check("rendition name", rendition)
        + "/"
        + INIT;
  }

  /** The CMAF fragment of segment {@code sequence} of a rendition in the work store. */
  public static String renditionFragment(String streamId, String rendition, long sequence) {
    return "renditions/"
        + Ids.check("stream id", streamId)
        + "/"
        + Ids.check("rendition name", rendition)
        + "/"
        + sixDigits(sequence)
        + ".m4s";
  }

  /** The folder of the packager's durable state of a stream in the work store. */
  public static String packagerState(String streamId) {
    return "state/packager/" + Ids.check("stream id", streamId) + "/";
  }

  /** Version {@code version} (from 1) of the packager's snapshot of a stream. */
  public static String packagerSnapshot(String streamId, long version) {
    if (version < 1) {
      throw new IllegalArgumentException("snapshot versions start at 1: " + version);
    }
    return packagerState(streamId) + String.format(Locale.ROOT, "snapshot-%012d.json", version);
  }

  /** Block {@code index} (from 0) of the segments the packager published for a stream. */
  public static String packagerPublishedBlock(String streamId, long index) {
    return packagerState(streamId) + "published-" + sixDigits(index) + ".json";
  }

  /** The output segment file name of segment {@code sequence}, relative to its rendition folder. */
  public static String segmentName(long sequence) {
    return sequence + ".m4s";
  }

  private static String sixDigits(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
    return String.format(Locale.ROOT, "%06d", sequence);
  }
}
