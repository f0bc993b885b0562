package dev.abr.ingest.stream;

import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What an ingest process writes with: the work store, the Kafka producer, the clock, metrics,
 * settings and a scratch folder.
 *
 * @param work the work store (source chunks, audio fragments)
 * @param producer the Kafka producer
 * @param clock wall clock (program date times, event times)
 * @param registry metrics
 * @param settings chunking settings
 * @param tempDir scratch folder for chunk files
 */
public record IngestContext(
    ObjectStore work,
    JsonProducer producer,
    Clock clock,
    MeterRegistry registry,
    IngestSettings settings,
    Path tempDir) {
  /** Job events on the same producer and clock. */
  public IngestEvents events() {
    return new IngestEvents(producer, clock);
  }
}
