package dev.abr.cmaf.box;

/**
 * One sample of a {@link TrackRunBox}. Fields the run does not carry (see {@link
 * TrackRunBox#sampleFields()}) are zero.
 *
 * @param durationTicks decode duration in media timescale ticks
 * @param sizeBytes size of the sample data
 * @param flags sample flags
 * @param compositionOffsetTicks composition time minus decode time, in media timescale ticks;
 *     negative only in a version 1 run
 */
public record TrackRunSample(
    long durationTicks, long sizeBytes, SampleFlags flags, int compositionOffsetTicks) {
  public TrackRunSample {
    FieldRanges.u32(durationTicks, "sample_duration");
    FieldRanges.u32(sizeBytes, "sample_size");
  }
}
