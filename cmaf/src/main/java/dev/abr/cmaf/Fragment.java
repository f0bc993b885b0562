package dev.abr.cmaf;

import dev.abr.cmaf.box.SegmentTypeBox;
import java.util.List;
import java.util.Optional;

/**
 * A CMAF fragment as read by {@link FragmentReader}. Times are ticks of the track's timescale.
 *
 * @param segmentType the leading {@code styp}, if the input was a segment
 * @param sequenceNumber the {@code mfhd} sequence number
 * @param trackId the {@code tfhd} track id
 * @param baseMediaDecodeTimeTicks the {@code tfdt} decode time of the first sample
 * @param samples the samples in decode order (at least one)
 */
public record Fragment(
    Optional<SegmentTypeBox> segmentType,
    long sequenceNumber,
    long trackId,
    long baseMediaDecodeTimeTicks,
    List<FragmentSample> samples) {
  public Fragment {
    samples = List.copyOf(samples);
  }

  /** Sum of the sample durations. */
  public long durationTicks() {
    long total = 0;
    for (FragmentSample sample : samples) {
      total += sample.durationTicks();
    }
    return total;
  }

  /** Decode time just after the last sample: where the next fragment's {@code tfdt} should be. */
  public long endDecodeTimeTicks() {
    return baseMediaDecodeTimeTicks + durationTicks();
  }

  /** The samples in the form {@link FragmentWriter} takes, sharing the bytes. */
  public List<Sample> toSamples() {
    return samples.stream().map(FragmentSample::toSample).toList();
  }
}
