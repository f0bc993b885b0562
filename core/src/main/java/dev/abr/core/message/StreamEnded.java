package dev.abr.core.message;

import java.time.Instant;

/**
 * The source ended cleanly after {@code segmentCount} segments (numbered from 0).
 *
 * @param jobId job id
 * @param streamId stream id
 * @param segmentCount number of segments
 * @param at wall-clock time
 */
public record StreamEnded(String jobId, String streamId, long segmentCount, Instant at)
    implements PackageEvent {}
