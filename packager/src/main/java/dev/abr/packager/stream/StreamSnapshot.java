package dev.abr.packager.stream;

import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.StreamStarted;
import dev.abr.packager.presentation.LivePresentation;
import dev.abr.packager.presentation.PublishedSegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the packager knows about one stream after the events it applied, as written to the work
 * store ({@code state/packager/{stream}/snapshot-{version}.json}) before their offsets are
 * committed. With the {@link PublishedBlock}s it names, it is everything a {@link StreamPackage}
 * holds, so a packager that takes the stream over continues exactly where the last one stopped.
 *
 * @param streamId the stream
 * @param version 1 for the first snapshot of the stream, then one more for each change
 * @param status where the stream is; a finished stream keeps only its status and counts
 * @param started the stream's start, once known
 * @param nextSequence the first segment not published yet
 * @param total how many segments the stream has, once it ended
 * @param pending fragments that arrived and wait for the other renditions of their segment (or for
 *     the segments before it), the first delivery of each, by rendition then sequence
 * @param codecs RFC 6381 codecs string of each rendition whose first segment is published
 * @param publishedBlocks how many blocks of {@link PublishedBlock#SEGMENTS} published segments are
 *     in their own objects (VOD); the segments before {@code publishedBlocks ×} {@link
 *     PublishedBlock#SEGMENTS} are there, not here
 * @param published by rendition, the published segments not in a block: for VOD those from the last
 *     full block on, for live the last one (what the next segment must continue)
 * @param live for a live stream once its first segment is published: what the manifests list, the
 *     periods, and the removed segments still waiting to be deleted
 */
record StreamSnapshot(
    String streamId,
    long version,
    StreamPackage.Status status,
    Optional<StreamStarted> started,
    long nextSequence,
    Optional<Long> total,
    List<FragmentReady> pending,
    Map<String, String> codecs,
    long publishedBlocks,
    Map<String, List<PublishedSegment>> published,
    Optional<LivePresentation> live) {
  StreamSnapshot {
    if (version < 0 || nextSequence < 0 || publishedBlocks < 0) {
      throw new IllegalArgumentException(
          "stream "
              + streamId
              + ": negative version, sequence or block count: "
              + version
              + ", "
              + nextSequence
              + ", "
              + publishedBlocks);
    }
    pending = List.copyOf(pending);
    codecs = Map.copyOf(codecs);
    Map<String, List<PublishedSegment>> copy = new LinkedHashMap<>();
    published.forEach((rendition, segments) -> copy.put(rendition, List.copyOf(segments)));
    published = java.util.Collections.unmodifiableMap(copy);
  }

  /** This snapshot numbered {@code value}. */
  StreamSnapshot withVersion(long value) {
    return new StreamSnapshot(
        streamId,
        value,
        status,
        started,
        nextSequence,
        total,
        pending,
        codecs,
        publishedBlocks,
        published,
        live);
  }
}
