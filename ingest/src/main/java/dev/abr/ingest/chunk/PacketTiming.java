package dev.abr.ingest.chunk;

/**
 * Reads the timing of a packet type, so the chunker works on real packets and on test values alike.
 * Times are ticks of the 90 kHz source clock relative to the stream's zero.
 *
 * @param <P> the packet type
 */
public interface PacketTiming<P> {
  /** Presentation time. */
  long ptsTicks(P packet);

  /** Decode time; non-decreasing in decode order. */
  long dtsTicks(P packet);

  /** Duration, or 0 when unknown. */
  long durationTicks(P packet);

  /** True for a random access point. */
  boolean keyFrame(P packet);
}
