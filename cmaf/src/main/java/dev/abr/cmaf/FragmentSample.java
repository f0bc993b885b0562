package dev.abr.cmaf;

import dev.abr.cmaf.box.SampleFlags;
import java.nio.ByteBuffer;

/**
 * One sample as read from a fragment. Times are ticks of the track's timescale.
 *
 * @param decodeTimeTicks decode time: the fragment's base decode time plus the durations of the
 *     samples before this one
 * @param durationTicks decode duration
 * @param compositionOffsetTicks presentation time minus decode time
 * @param flags the sample flags (ISO/IEC 14496-12 §8.8.3.1)
 * @param data the sample bytes; a read-only view of the fragment's bytes
 */
public record FragmentSample(
    long decodeTimeTicks,
    long durationTicks,
    int compositionOffsetTicks,
    SampleFlags flags,
    ByteBuffer data) {
  public FragmentSample {
    data = data.slice().asReadOnlyBuffer();
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

  /** True for a sync sample ({@code sample_is_non_sync_sample} is 0). */
  public boolean keyFrame() {
    return flags.isSync();
  }

  /** Presentation time: decode time plus composition offset. */
  public long presentationTimeTicks() {
    return decodeTimeTicks + compositionOffsetTicks;
  }

  /** Returns the sample in the form {@link FragmentWriter} takes, sharing the bytes. */
  public Sample toSample() {
    return new Sample(data, durationTicks, compositionOffsetTicks, keyFrame());
  }
}
