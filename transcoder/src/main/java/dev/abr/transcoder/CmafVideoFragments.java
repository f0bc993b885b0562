package dev.abr.transcoder;

import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.FragmentWriter;
import dev.abr.cmaf.InitSegmentWriter;
import dev.abr.cmaf.Sample;
import dev.abr.cmaf.VideoFormat;
import dev.abr.cmaf.codec.AnnexB;
import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.plan.VideoPlan;
import dev.abr.media.EncodedTrack;
import dev.abr.media.EncodedVideoFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one rendition's encoded chunk into CMAF: the track (from the encoder's SPS/PPS) and the
 * fragment of the chunk's segment.
 *
 * <p>Decode times are the grid: the i-th access unit in decode order is decoded at {@code
 * (firstFrameIndex + i) * frameDuration}, so the fragment's {@code tfdt} is the presentation time
 * of its first (IDR) frame, the same in every rendition, and consecutive chunks are contiguous.
 * Each sample's composition offset is its grid presentation time minus its decode time; B-frames
 * get negative offsets ({@code trun} version 1), and no edit list is needed.
 */
final class CmafVideoFragments {
  private CmafVideoFragments() {}

  /** The CMAF track of an encoded rendition. */
  static CmafTrack track(EncodedTrack encoded, VideoPlan plan) {
    AvcDecoderConfigurationRecord avc =
        AvcDecoderConfigurationRecord.fromExtradata(ByteBuffer.wrap(encoded.extradata()));
    return CmafTrack.video(plan.timescale(), VideoFormat.of(avc));
  }

  /** The init segment of the track. */
  static byte[] init(CmafTrack track) {
    return InitSegmentWriter.write(track);
  }

  /**
   * The fragment of segment {@code sequence} ({@code mfhd} sequence number {@code sequence + 1}).
   */
  static byte[] fragment(
      CmafTrack track, EncodedTrack encoded, VideoPlan plan, long sequence, long firstFrameIndex) {
    long frameTicks = plan.grid().frameDurationTicks();
    List<EncodedVideoFrame> frames = encoded.frames();
    List<Sample> samples = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      EncodedVideoFrame frame = frames.get(i);
      long decodeIndex = firstFrameIndex + i;
      long offsetTicks = (frame.frameIndex() - decodeIndex) * frameTicks;
      if (offsetTicks < Integer.MIN_VALUE || offsetTicks > Integer.MAX_VALUE) {
        throw new PipelineException(
            ErrorCode.SEGMENT_INVARIANT_VIOLATED,
            "rendition "
                + encoded.rendition().name()
                + " frame "
                + frame.frameIndex()
                + " is reordered too far");
      }
      samples.add(
          new Sample(
              AnnexB.toLengthPrefixed(ByteBuffer.wrap(frame.data())),
              frameTicks,
              (int) offsetTicks,
              frame.keyFrame()));
    }
    return FragmentWriter.writeFragment(track, sequence + 1, firstFrameIndex * frameTicks, samples);
  }
}
