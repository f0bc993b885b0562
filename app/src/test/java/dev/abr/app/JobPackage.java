package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A job's package as it is in the output store: every object under the job's prefix, read once.
 * Compares packages of different runs of the same source by what does not depend on the encoder's
 * exact bytes (x264 output differs a little from run to run, so sizes and measured bit rates do).
 */
final class JobPackage {
  private static final Pattern BANDWIDTH = Pattern.compile("(BANDWIDTH|bandwidth)=\"?[0-9]+\"?");
  private static final Pattern SEGMENT = Pattern.compile("([^/]+)/([0-9]+)\\.m4s");

  private final String prefix;
  private final Map<String, byte[]> objects;

  private JobPackage(String prefix, Map<String, byte[]> objects) {
    this.prefix = prefix;
    this.objects = objects;
  }

  /** Reads every object under {@code jobId/} of {@code output}. */
  static JobPackage read(ObjectStore output, String jobId) {
    try {
      Map<String, byte[]> objects = new TreeMap<>();
      for (String key : output.list(jobId)) {
        objects.put(key.substring(jobId.length() + 1), output.read(key));
      }
      return new JobPackage(jobId, objects);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Object keys relative to the job's folder, sorted. */
  List<String> keys() {
    return List.copyOf(objects.keySet());
  }

  byte[] bytes(String key) {
    byte[] bytes = objects.get(key);
    if (bytes == null) {
      throw new AssertionError(prefix + "/" + key + " is missing; package has " + keys());
    }
    return bytes;
  }

  String text(String key) {
    return new String(bytes(key), StandardCharsets.UTF_8);
  }

  /** Rendition folders named in the multivariant playlist, in order. */
  List<String> renditions() {
    List<String> renditions = new ArrayList<>();
    for (String line : text("main.m3u8").split("\n")) {
      String uri = line;
      int at = line.indexOf("URI=\"");
      if (at >= 0) {
        uri = line.substring(at + 5, line.indexOf('"', at + 5));
      } else if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      renditions.add(uri.substring(0, uri.indexOf('/')));
    }
    return renditions;
  }

  /** The segment numbers present per rendition folder (from the listing). */
  Map<String, TreeSet<Long>> segmentsByRendition() {
    Map<String, TreeSet<Long>> segments = new LinkedHashMap<>();
    for (String key : objects.keySet()) {
      var matcher = SEGMENT.matcher(key);
      if (matcher.matches()) {
        segments
            .computeIfAbsent(matcher.group(1), r -> new TreeSet<>())
            .add(Long.parseLong(matcher.group(2)));
      }
    }
    return segments;
  }

  /** The {@code #EXTINF} lines of a rendition's media playlist. */
  List<String> extinf(String rendition) {
    return text(rendition + "/playlist.m3u8")
        .lines()
        .filter(line -> line.startsWith("#EXTINF"))
        .toList();
  }

  /** The MPD's {@code <S …/>} timeline entries and segment templates, in order. */
  List<String> mpdTimeline() {
    return text("manifest.mpd")
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("<S ") || line.startsWith("<SegmentTemplate"))
        .toList();
  }

  /**
   * Asserts the package is complete and each segment listed once: one init, one media playlist and
   * segments {@code 0..count-1} per rendition and nothing else, the manifests, and every CMAF
   * object whole (its top-level boxes add up to its size, a segment holds styp, moof and mdat).
   */
  void assertComplete(long count) {
    List<String> renditions = renditions();
    assertThat(renditions).isNotEmpty();
    List<String> expected = new ArrayList<>(List.of("main.m3u8", "manifest.mpd"));
    for (String rendition : renditions) {
      expected.add(rendition + "/init.mp4");
      expected.add(rendition + "/playlist.m3u8");
      for (long sequence = 0; sequence < count; sequence++) {
        expected.add(rendition + "/" + sequence + ".m4s");
      }
    }
    assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected);
    for (String rendition : renditions) {
      assertThat(boxTypes(rendition + "/init.mp4")).containsSubsequence("ftyp", "moov");
      assertThat(extinf(rendition)).hasSize((int) count);
      for (long sequence = 0; sequence < count; sequence++) {
        assertThat(boxTypes(rendition + "/" + sequence + ".m4s"))
            .as("boxes of %s/%d.m4s", rendition, sequence)
            .containsExactly("styp", "moof", "mdat");
      }
    }
  }

  /**
   * Asserts this package has the same structure as {@code other}, a run of the same source: the
   * same objects, byte-identical media playlists (segment boundaries and durations), and the same
   * MPD and multivariant playlist apart from measured bit rates.
   */
  void assertSameStructureAs(JobPackage other) {
    assertThat(keys()).isEqualTo(other.keys());
    for (String rendition : renditions()) {
      assertThat(text(rendition + "/playlist.m3u8"))
          .as("media playlist of %s", rendition)
          .isEqualTo(other.text(rendition + "/playlist.m3u8"));
    }
    assertThat(mpdTimeline()).isEqualTo(other.mpdTimeline());
    assertThat(withoutBandwidth(text("manifest.mpd")))
        .isEqualTo(withoutBandwidth(other.text("manifest.mpd")));
    assertThat(withoutBandwidth(text("main.m3u8")))
        .isEqualTo(withoutBandwidth(other.text("main.m3u8")));
  }

  /**
   * The top-level box types of an object, checking that their sizes add up to its length exactly
   * (ISO/IEC 14496-12 §4.2: 32-bit size, or 1 and a 64-bit size).
   */
  List<String> boxTypes(String key) {
    return boxTypes(key, bytes(key));
  }

  static List<String> boxTypes(String name, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    List<String> types = new ArrayList<>();
    while (buffer.remaining() > 0) {
      assertThat(buffer.remaining())
          .as("%s: box header at %d", name, buffer.position())
          .isGreaterThanOrEqualTo(8);
      int start = buffer.position();
      long size = Integer.toUnsignedLong(buffer.getInt());
      byte[] type = new byte[4];
      buffer.get(type);
      if (size == 1) {
        size = buffer.getLong();
      }
      assertThat(size)
          .as("%s: box %s at %d", name, new String(type, StandardCharsets.US_ASCII), start)
          .isGreaterThanOrEqualTo(8)
          .isLessThanOrEqualTo(bytes.length - start);
      types.add(new String(type, StandardCharsets.US_ASCII));
      buffer.position((int) (start + size));
    }
    return types;
  }

  private static String withoutBandwidth(String text) {
    return BANDWIDTH.matcher(text).replaceAll("$1=…");
  }
}
