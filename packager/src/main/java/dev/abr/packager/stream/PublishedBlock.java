package dev.abr.packager.stream;

import dev.abr.packager.presentation.PublishedSegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value #SEGMENTS} consecutive published segments of a VOD stream, every rendition's, in their
 * own work-store object ({@code state/packager/{stream}/published-{index}.json}). A block is
 * written once, when its last segment is published, and never changes: the snapshot written after
 * each event then only carries the segments since the last full block, so it stays small and the
 * state written per segment does not grow with the stream.
 *
 * @param streamId the stream
 * @param index the block number: it holds segments {@code index × SEGMENTS} to {@code (index + 1) ×
 *     SEGMENTS - 1}
 * @param renditions each rendition's segments of the block, in sequence order
 */
record PublishedBlock(String streamId, long index, Map<String, List<PublishedSegment>> renditions) {
  /** Segments per block. */
  static final int SEGMENTS = 100;

  PublishedBlock {
    if (index < 0) {
      throw new IllegalArgumentException("block index must not be negative: " + index);
    }
    Map<String, List<PublishedSegment>> copy = new LinkedHashMap<>();
    renditions.forEach(
        (rendition, segments) -> {
          if (segments.size() != SEGMENTS
              || segments.get(0).sequence() != index * SEGMENTS
              || segments.get(SEGMENTS - 1).sequence() != (index + 1) * SEGMENTS - 1) {
            throw new IllegalArgumentException(
                "block "
                    + index
                    + " of stream "
                    + streamId
                    + " must hold segments "
                    + index * SEGMENTS
                    + " to "
                    + ((index + 1) * SEGMENTS - 1)
                    + " of rendition "
                    + rendition);
          }
          copy.put(rendition, List.copyOf(segments));
        });
    renditions = java.util.Collections.unmodifiableMap(copy);
  }
}
