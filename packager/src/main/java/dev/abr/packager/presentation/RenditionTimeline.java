package dev.abr.packager.presentation;

import dev.abr.core.message.RenditionInfo;
import java.math.BigInteger;
import java.util.List;

/**
 * A rendition and its published segments, in order and contiguous.
 *
 * @param info what the rendition is
 * @param codecs RFC 6381 codecs string read from its init segment
 * @param segments published segments, contiguous, in sequence order
 */
public record RenditionTimeline(
    RenditionInfo info, String codecs, List<PublishedSegment> segments) {
  public RenditionTimeline {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("rendition " + info.name() + " has no segments");
    }
    for (int i = 1; i < segments.size(); i++) {
      PublishedSegment previous = segments.get(i - 1);
      PublishedSegment segment = segments.get(i);
      if (segment.sequence() != previous.sequence() + 1
          || segment.startTicks() != previous.endTicks()) {
        throw new IllegalArgumentException(
            "rendition "
                + info.name()
                + ": segment "
                + segment.sequence()
                + " starts at "
                + segment.startTicks()
                + "/"
                + info.timescale()
                + " but segment "
                + previous.sequence()
                + " ended at "
                + previous.endTicks()
                + "/"
                + info.timescale());
      }
    }
  }

  /** Decode time of the first segment. */
  public long startTicks() {
    return segments.get(0).startTicks();
  }

  /** Total duration in ticks. */
  public long durationTicks() {
    return segments.get(segments.size() - 1).endTicks() - startTicks();
  }

  /**
   * The largest bit rate of any one segment (size × 8 over its duration), rounded up: HLS {@code
   * BANDWIDTH} (RFC 8216 §4.3.4.2) and DASH {@code @bandwidth}.
   */
  public long peakBitsPerSecond() {
    long peak = 0;
    for (PublishedSegment segment : segments) {
      peak = Math.max(peak, bitsPerSecond(segment.sizeBytes(), segment.durationTicks()));
    }
    return peak;
  }

  /** Total size × 8 over total duration, rounded up: HLS {@code AVERAGE-BANDWIDTH}. */
  public long averageBitsPerSecond() {
    long bytes = segments.stream().mapToLong(PublishedSegment::sizeBytes).sum();
    return bitsPerSecond(bytes, durationTicks());
  }

  private long bitsPerSecond(long bytes, long ticks) {
    BigInteger[] qr =
        BigInteger.valueOf(bytes)
            .multiply(BigInteger.valueOf(8L * info.timescale()))
            .divideAndRemainder(BigInteger.valueOf(ticks));
    return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
  }
}
