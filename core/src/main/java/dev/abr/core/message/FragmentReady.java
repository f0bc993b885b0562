package dev.abr.core.message;

import dev.abr.core.time.MediaTime;
import java.time.Instant;
import java.util.Optional;

/**
 * One rendition's CMAF fragment ({@code moof}+{@code mdat}) for one segment is durable in storage.
 *
 * @param jobId job id
 * @param streamId stream id
 * @param rendition rendition name
 * @param sequence segment number
 * @param fragmentKey storage key of the fragment
 * @param initKey storage key of the rendition's init segment
 * @param start decode time of the first sample (track timescale), equal to its tfdt
 * @param duration sum of sample durations (track timescale)
 * @param sizeBytes fragment size
 * @param codecs RFC 6381 codecs string, for example {@code avc1.640028}
 * @param at wall-clock time
 * @param programDateTime live: wall-clock time of the segment's first sample, from the source
 * @param discontinuity live: the publisher came back with this segment (new period)
 * @param ingestedAt live: when the last source packet of the segment's chunk reached ingest (for
 *     the glass-to-playlist latency)
 */
public record FragmentReady(
    String jobId,
    String streamId,
    String rendition,
    long sequence,
    String fragmentKey,
    String initKey,
    MediaTime start,
    MediaTime duration,
    long sizeBytes,
    String codecs,
    Instant at,
    Optional<Instant> programDateTime,
    boolean discontinuity,
    Optional<Instant> ingestedAt)
    implements PackageEvent {

  /** A VOD fragment: no date, no discontinuity, no latency stamp. */
  public FragmentReady(
      String jobId,
      String streamId,
      String rendition,
      long sequence,
      String fragmentKey,
      String initKey,
      MediaTime start,
      MediaTime duration,
      long sizeBytes,
      String codecs,
      Instant at) {
    this(
        jobId,
        streamId,
        rendition,
        sequence,
        fragmentKey,
        initKey,
        start,
        duration,
        sizeBytes,
        codecs,
        at,
        Optional.empty(),
        false,
        Optional.empty());
  }
}
