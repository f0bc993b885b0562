package dev.abr.core.message;

import dev.abr.core.id.Ids;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.time.Rational;
import java.time.Instant;

/**
 * A VOD job handed to ingest ({@code schemas/job-submitted.v1.schema.json}).
 *
 * @param jobId job id
 * @param streamId stream id: the public name of the output
 * @param input the media file: a path the ingest process can open, or an object URL {@code
 *     s3://bucket/key} (with optional {@code endpoint}, {@code pathStyle} and {@code region}
 *     parameters, as in a storage URL; never credentials), which ingest downloads to its scratch
 *     folder
 * @param ladder the ladder to encode
 * @param segmentDuration target chunk (and segment) duration in seconds
 * @param outputPrefix key prefix of the package in the output store; empty for its root
 * @param submittedAt wall-clock submission time
 */
public record JobSubmitted(
    String jobId,
    String streamId,
    String input,
    Ladder ladder,
    Rational segmentDuration,
    String outputPrefix,
    Instant submittedAt) {
  public JobSubmitted {
    Ids.check("job id", jobId);
    Ids.check("stream id", streamId);
  }
}
