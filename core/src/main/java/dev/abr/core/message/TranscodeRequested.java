package dev.abr.core.message;

import dev.abr.core.id.Ids;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.time.MediaTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One chunk to transcode into every video rendition ({@code
 * schemas/transcode-requested.v1.schema.json}).
 *
 * <p>Times are on the source clock (90 kHz) relative to the stream's zero. The chunk object holds
 * the stream-copied packets needed to decode the frames of {@code [outputStart, outputEnd)}: it
 * starts with a key frame at {@code decodeStart} (at or before {@code outputStart}). The transcoder
 * outputs grid frames {@code [firstFrameIndex, endFrameIndex)} of {@code video.grid()}.
 *
 * @param jobId job id
 * @param streamId stream id
 * @param sequence chunk number, from 0 (names the source chunk object)
 * @param sourceKey storage key of the chunk (Matroska, stream copy)
 * @param sourceSizeBytes size of the chunk object
 * @param decodeStart source time of the chunk's first (key) frame
 * @param outputStart source time where this chunk's output starts
 * @param outputEnd source time where this chunk's output ends (exclusive)
 * @param firstFrameIndex first output grid frame
 * @param endFrameIndex output grid frame after the last
 * @param segments the output segments the chunk makes, contiguous and covering exactly {@code
 *     [firstFrameIndex, endFrameIndex)}; each starts with an IDR frame in every rendition
 * @param video how to transcode
 * @param requestedAt wall-clock time the chunk was published
 * @param ingestedAt live: when the chunk's last source packet reached ingest
 */
public record TranscodeRequested(
    String jobId,
    String streamId,
    long sequence,
    String sourceKey,
    long sourceSizeBytes,
    MediaTime decodeStart,
    MediaTime outputStart,
    MediaTime outputEnd,
    long firstFrameIndex,
    long endFrameIndex,
    List<SegmentRange> segments,
    VideoPlan video,
    Instant requestedAt,
    Optional<Instant> ingestedAt) {
  public TranscodeRequested {
    segments = List.copyOf(segments);
    long next = firstFrameIndex;
    for (SegmentRange segment : segments) {
      if (segment.firstFrameIndex() != next) {
        throw new IllegalArgumentException(
            "chunk "
                + sequence
                + ": segment "
                + segment.sequence()
                + " starts at frame "
                + segment.firstFrameIndex()
                + ", expected "
                + next);
      }
      next = segment.endFrameIndex();
    }
    if (segments.isEmpty() || next != endFrameIndex) {
      throw new IllegalArgumentException(
          "chunk "
              + sequence
              + ": segments must cover frames ["
              + firstFrameIndex
              + ", "
              + endFrameIndex
              + ")");
    }
    Ids.check("job id", jobId);
    Ids.check("stream id", streamId);
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
    if (endFrameIndex <= firstFrameIndex) {
      throw new IllegalArgumentException(
          "chunk " + sequence + " has no frames: [" + firstFrameIndex + ", " + endFrameIndex + ")");
    }
    if (decodeStart.compareTo(outputStart) > 0 || outputStart.compareTo(outputEnd) >= 0) {
      throw new IllegalArgumentException(
          "chunk "
              + sequence
              + " needs decodeStart <= outputStart < outputEnd: "
              + decodeStart
              + ", "
              + outputStart
              + ", "
              + outputEnd);
    }
  }

  /** A VOD chunk: no ingest time stamp. */
  public TranscodeRequested(
      String jobId,
      String streamId,
      long sequence,
      String sourceKey,
      long sourceSizeBytes,
      MediaTime decodeStart,
      MediaTime outputStart,
      MediaTime outputEnd,
      long firstFrameIndex,
      long endFrameIndex,
      List<SegmentRange> segments,
      VideoPlan video,
      Instant requestedAt) {
    this(
        jobId,
        streamId,
        sequence,
        sourceKey,
        sourceSizeBytes,
        decodeStart,
        outputStart,
        outputEnd,
        firstFrameIndex,
        endFrameIndex,
        segments,
        video,
        requestedAt,
        Optional.empty());
  }
}
