package dev.abr.ingest.live;

import java.time.Instant;
import java.util.Optional;

/**
 * What a live stream is doing now: one run is one live event, from the first connection until the
 * publisher has been gone for the reconnect window. Each run is packaged under its own prefix and
 * becomes a VOD asset when it ends.
 *
 * @param streamId the public stream id
 * @param runId the run, {@code yyyyMMdd-HHmmss} of its start (UTC)
 * @param outputPrefix where the run's package is written ({@code live/<stream>/<run>})
 * @param connected true while a publisher (or pulled source) is connected
 * @param connections connections so far in this run
 * @param segments segments cut so far
 * @param startedAt when the run started
 * @param disconnectedAt when the last connection ended, while none is connected
 */
public record LiveRunInfo(
    String streamId,
    String runId,
    String outputPrefix,
    boolean connected,
    int connections,
    long segments,
    Instant startedAt,
    Optional<Instant> disconnectedAt) {}
