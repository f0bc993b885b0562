package dev.abr.cmaf;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.MediaDataBox;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.MovieFragmentHeaderBox;
import dev.abr.cmaf.box.SampleFlags;
import dev.abr.cmaf.box.TrackFragmentBaseMediaDecodeTimeBox;
import dev.abr.cmaf.box.TrackFragmentBox;
import dev.abr.cmaf.box.TrackFragmentHeaderBox;
import dev.abr.cmaf.box.TrackRunBox;
import dev.abr.cmaf.box.TrackRunSample;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one CMAF fragment ({@code moof}+{@code mdat}) of a track from its samples:
 *
 * <ul>
 *   <li>{@code mfhd} with the sequence number;
 *   <li>{@code tfhd} with the track id and default-base-is-moof, no base data offset and no
 *       defaults (ISO/IEC 23000-19 §7.5.16);
 *   <li>{@code tfdt} version 1 with the decode time of the first sample;
 *   <li>one {@code trun} version 1 with the data offset (from the first byte of {@code moof}) and,
 *       per sample, duration, size, flags and signed composition offset (ISO/IEC 14496-12 §8.8.8).
 *       Sample flags follow §8.8.3.1: a key frame has {@code sample_depends_on} 2 and is a sync
 *       sample; any other sample has {@code sample_depends_on} 1 and {@code
 *       sample_is_non_sync_sample} 1.
 * </ul>
 *
 * <p>{@link #writeSegment} puts the {@link CmafBrands#SEGMENT} {@code styp} in front, so that the
 * result is a complete CMAF segment.
 */
public final class FragmentWriter {
  private static final int MDAT_HEADER_BYTES = 8;

  private FragmentWriter() {}

  /**
   * Returns the fragment ({@code moof}+{@code mdat}), in a new array the caller owns.
   *
   * @param track the track the samples belong to (its id is written; its timescale is that of the
   *     times)
   * @param sequenceNumber {@code mfhd} sequence number, 0..2^32-1
   * @param baseMediaDecodeTimeTicks decode time of the first sample, not negative
   * @param samples the samples in decode order: at least one, the first a key frame, and for audio
   *     all key frames
   * @throws IllegalArgumentException if an argument breaks these rules
   */
  public static byte[] writeFragment(
      CmafTrack track, long sequenceNumber, long baseMediaDecodeTimeTicks, List<Sample> samples) {
    return BoxWriter.write(boxes(track, sequenceNumber, baseMediaDecodeTimeTicks, samples));
  }

  /**
   * Returns the fragment as a CMAF segment: {@code styp}, {@code moof}, {@code mdat}. Arguments as
   * for {@link #writeFragment}.
   */
  public static byte[] writeSegment(
      CmafTrack track, long sequenceNumber, long baseMediaDecodeTimeTicks, List<Sample> samples) {
    List<Box> boxes = new ArrayList<>();
    boxes.add(CmafBrands.SEGMENT);
    boxes.addAll(boxes(track, sequenceNumber, baseMediaDecodeTimeTicks, samples));
    return BoxWriter.write(boxes);
  }

  /** Returns the {@code moof} and {@code mdat} boxes; arguments as for {@link #writeFragment}. */
  public static List<Box> boxes(
      CmafTrack track, long sequenceNumber, long baseMediaDecodeTimeTicks, List<Sample> samples) {
    checkSamples(track, samples);
    List<TrackRunSample> runSamples = new ArrayList<>(samples.size());
    long dataBytes = 0;
    for (Sample sample : samples) {
      runSamples.add(
          new TrackRunSample(
              sample.durationTicks(),
              sample.sizeBytes(),
              sample.keyFrame() ? SampleFlags.SYNC : SampleFlags.NON_SYNC,
              sample.compositionOffsetTicks()));
      dataBytes += sample.sizeBytes();
    }
    if (dataBytes > Integer.MAX_VALUE - 1024) {
      throw new IllegalArgumentException("fragment data of " + dataBytes + " bytes is too large");
    }
    // The data offset does not change the size of moof, so size it with offset 0 first.
    MovieFragmentBox sizing =
        movieFragment(
            track, sequenceNumber, baseMediaDecodeTimeTicks, TrackRunBox.of(0, runSamples));
    long dataOffset = BoxWriter.size(sizing) + MDAT_HEADER_BYTES;
    MovieFragmentBox moof =
        movieFragment(
            track,
            sequenceNumber,
            baseMediaDecodeTimeTicks,
            TrackRunBox.of(Math.toIntExact(dataOffset), runSamples));
    ByteBuffer data = ByteBuffer.allocate((int) dataBytes);
    for (Sample sample : samples) {
      data.put(sample.data());
    }
    return List.of(moof, new MediaDataBox(data.flip()));
  }

  private static MovieFragmentBox movieFragment(
      CmafTrack track, long sequenceNumber, long baseMediaDecodeTimeTicks, TrackRunBox trun) {
    TrackFragmentBox traf =
        new TrackFragmentBox(
            TrackFragmentHeaderBox.defaultBaseIsMoof(track.trackId()),
            Optional.of(TrackFragmentBaseMediaDecodeTimeBox.of(baseMediaDecodeTimeTicks)),
            List.of(trun),
            List.of());
    return new MovieFragmentBox(
        new MovieFragmentHeaderBox(sequenceNumber), List.of(traf), List.of());
  }

  private static void checkSamples(CmafTrack track, List<Sample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a fragment needs at least one sample");
    }
    // ISO/IEC 23000-19 clause 7: a CMAF fragment starts with a stream access point, here a key
    // frame (SAP type 1 or 2).
    if (!samples.get(0).keyFrame()) {
      throw new IllegalArgumentException("the first sample of a fragment must be a key frame");
    }
    if (track.format() instanceof AudioFormat) {
      for (int i = 0; i < samples.size(); i++) {
        if (!samples.get(i).keyFrame()) {
          throw new IllegalArgumentException(
              "audio sample " + i + " is not marked as a key frame; every AAC frame is one");
        }
      }
    }
  }
}
