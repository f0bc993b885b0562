package dev.abr.app;

import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.Fragment;
import dev.abr.cmaf.FragmentReader;
import dev.abr.cmaf.InitSegmentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a package folder back with our own CMAF reader, for assertions. */
final class PackageFiles {
  private PackageFiles() {}

  /** One rendition folder: its track and its segments in number order. */
  record RenditionFiles(
      String name, CmafTrack track, List<Path> segmentFiles, List<Fragment> segments) {}

  static RenditionFiles rendition(Path output, String name) {
    Path folder = output.resolve(name);
    try {
      CmafTrack track = InitSegmentReader.read(Files.readAllBytes(folder.resolve("init.mp4")));
      List<Path> files;
      try (Stream<Path> listing = Files.list(folder)) {
        files =
            listing
                .filter(p -> p.getFileName().toString().endsWith(".m4s"))
                .sorted((a, b) -> Long.compare(number(a), number(b)))
                .toList();
      }
      List<Fragment> segments = new ArrayList<>();
      for (Path file : files) {
        segments.add(FragmentReader.read(Files.readAllBytes(file)));
      }
      return new RenditionFiles(name, track, files, segments);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The init segment followed by every media segment: one playable fragmented MP4. */
  static Path concatenate(Path output, String name, Path target) {
    RenditionFiles files = rendition(output, name);
    try {
      Files.write(target, Files.readAllBytes(output.resolve(name).resolve("init.mp4")));
      for (Path segment : files.segmentFiles()) {
        Files.write(target, Files.readAllBytes(segment), java.nio.file.StandardOpenOption.APPEND);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** NAL unit types of a length-prefixed (4-byte) H.264 sample, in order. */
  static List<Integer> nalTypes(ByteBuffer sample) {
    List<Integer> types = new ArrayList<>();
    ByteBuffer data = sample.duplicate();
    while (data.remaining() >= 5) {
      int length = data.getInt();
      types.add(data.get(data.position()) & 0x1f);
      data.position(data.position() + length);
    }
    return types;
  }

  private static long number(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - ".m4s".length()));
  }
}
