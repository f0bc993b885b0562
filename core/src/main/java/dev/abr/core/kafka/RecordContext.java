package dev.abr.core.kafka;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where a record handed to a {@link RecordHandler} came from, and whether the worker still owns its
 * partition.
 */
public final class RecordContext {
  private final String topic;
  private final int partition;
  private final long offset;
  private final Optional<String> key;
  private final Instant timestamp;
  private final int attempt;
  private final BooleanSupplier assigned;

  RecordContext(
      String topic,
      int partition,
      long offset,
      Optional<String> key,
      Instant timestamp,
      int attempt,
      BooleanSupplier assigned) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key;
    this.timestamp = timestamp;
    this.attempt = attempt;
    this.assigned = assigned;
  }

  /** The record's topic. */
  public String topic() {
    return topic;
  }

  /** The record's partition. */
  public int partition() {
    return partition;
  }

  /** The record's offset. */
  public long offset() {
    return offset;
  }

  /** The record's key as UTF-8 text; empty if it has none. */
  public Optional<String> key() {
    return key;
  }

  /** The record's timestamp (wall clock, as the producer or broker set it). */
  public Instant timestamp() {
    return timestamp;
  }

  /** Which attempt this is, from 1. */
  public int attempt() {
    return attempt;
  }

  /**
   * Returns false once this worker has lost the record's partition (revoked in a rebalance, lost,
   * or the worker is stopping without draining). The result of the record will then not be
   * committed and another member will process it again, so a long handler should check this before
   * each expensive step or write, and stop early (by returning or throwing) when it is false.
   */
  public boolean isAssigned() {
    return assigned.getAsBoolean();
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset + " attempt " + attempt;
  }
}
