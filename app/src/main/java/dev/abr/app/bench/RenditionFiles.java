package dev.abr.app.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One rendition of an HLS fMP4 package read from its media playlist: the init segment and each
 * media segment with its {@code EXTINF} duration and file size. Works for both sides of the
 * benchmark (ours and the ffmpeg command line's).
 */
record RenditionFiles(Path init, List<Segment> segments) {
  /** A media segment. */
  record Segment(Path file, BigDecimal durationSeconds, long sizeBytes) {
    double bitsPerSecond() {
      return sizeBytes * 8.0 / durationSeconds.doubleValue();
    }
  }

  static RenditionFiles read(Path playlist) throws IOException {
    Path folder = playlist.getParent();
    Path init = null;
    List<Segment> segments = new ArrayList<>();
    BigDecimal duration = null;
    for (String line : Files.readAllLines(playlist)) {
      if (line.startsWith("#EXT-X-MAP:URI=\"")) {
        init = folder.resolve(line.substring("#EXT-X-MAP:URI=\"".length(), line.lastIndexOf('"')));
      } else if (line.startsWith("#EXTINF:")) {
        duration = new BigDecimal(line.substring("#EXTINF:".length(), line.indexOf(',')));
      } else if (!line.isBlank() && !line.startsWith("#") && duration != null) {
        Path file = folder.resolve(line.trim());
        segments.add(new Segment(file, duration, Files.size(file)));
        duration = null;
      }
    }
    if (init == null || segments.isEmpty()) {
      throw new IOException(playlist + " has no EXT-X-MAP or no segments");
    }
    return new RenditionFiles(init, segments);
  }

  /** Writes init + every segment into one file (a playable fragmented MP4). */
  Path concatenate(Path target) throws IOException {
    Files.copy(init, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (Segment segment : segments) {
      Files.write(target, Files.readAllBytes(segment.file()), StandardOpenOption.APPEND);
    }
    return target;
  }

  double totalSeconds() {
    return segments.stream().mapToDouble(s -> s.durationSeconds().doubleValue()).sum();
  }

  double peakBitsPerSecond() {
    return segments.stream().mapToDouble(Segment::bitsPerSecond).max().orElse(0);
  }

  double averageBitsPerSecond() {
    long bytes = segments.stream().mapToLong(Segment::sizeBytes).sum();
    return bytes * 8.0 / totalSeconds();
  }
}
