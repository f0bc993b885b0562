package dev.abr.cmaf;

import java.nio.ByteBuffer;

/**
 * One media sample to put in a fragment, in decode order. Times are ticks of the track's timescale.
 *
 * @param data the sample bytes: 4-byte length-prefixed NAL units for video, one raw AAC frame for
 *     audio; stored as a read-only view, so the caller must not modify the bytes until the fragment
 *     is written
 * @param durationTicks decode duration, 0..2^32-1
 * @param compositionOffsetTicks presentation time minus decode time; negative for pictures shown
 *     before later-decoded ones (B-frames)
 * @param keyFrame true for a sync sample (an IDR picture, or any audio frame)
 */
public record Sample(
    ByteBuffer data, long durationTicks, int compositionOffsetTicks, boolean keyFrame) {
  public Sample {
    data = data.slice().asReadOnlyBuffer();
    if (durationTicks < 0 || durationTicks > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "sample duration must fit in 32 unsigned bits: " + durationTicks);
    }
  }

  /** Returns a read-only view of the sample bytes, positioned at their start. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  /** Size of the sample bytes. */
  public int sizeBytes() {
    return data.remaining();
  }
}
