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
import dev.abr.core.message.SegmentRange;
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
   * Splits a chunk's frames (decode order) into its segments: each segment's frames run from its
   * IDR frame to the next segment's IDR frame. With closed GOPs every frame decoded inside a
   * segment is also presented inside it.
   *
   * @throws PipelineException {@code SEGMENT_INVARIANT_VIOLATED} if a segment does not start with
   *     its IDR frame or has the wrong number of frames
   */
  static List<List<EncodedVideoFrame>> split(EncodedTrack encoded, List<SegmentRange> segments) {
    List<List<EncodedVideoFrame>> pieces = new ArrayList<>();
    List<EncodedVideoFrame> current = null;
    int next = 0;
    for (EncodedVideoFrame frame : encoded.frames()) {
      if (next < segments.size() && frame.frameIndex() == segments.get(next).firstFrameIndex()) {
        if (!frame.keyFrame()) {
          throw invariant(
              encoded,
              "frame "
                  + frame.frameIndex()
                  + " starts segment "
                  + segments.get(next).sequence()
                  + " but is not an IDR frame");
        }
        current = new ArrayList<>();
        pieces.add(current);
        next++;
      }
      if (current == null) {
        throw invariant(
            encoded, "frame " + frame.frameIndex() + " comes before the first segment's IDR frame");
      }
      current.add(frame);
    }
    if (pieces.size() != segments.size()) {
      throw invariant(encoded, pieces.size() + " segments found, " + segments.size() + " expected");
    }
    for (int i = 0; i < segments.size(); i++) {
      if (pieces.get(i).size() != segments.get(i).frameCount()) {
        throw invariant(
            encoded,
            "segment "
                + segments.get(i).sequence()
                + " has "
                + pieces.get(i).size()
                + " frames, "
                + segments.get(i).frameCount()
                + " expected");
      }
    }
    return pieces;
  }

  /**
   * The fragment of one segment ({@code mfhd} sequence number {@code segment.sequence() + 1}):
   * {@code frames} in decode order, the first the segment's IDR frame.
   */
  static byte[] fragment(
      CmafTrack track, List<EncodedVideoFrame> frames, VideoPlan plan, SegmentRange segment) {
    long frameTicks = plan.grid().frameDurationTicks();
    long firstFrameIndex = segment.firstFrameIndex();
    List<Sample> samples = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      EncodedVideoFrame frame = frames.get(i);
      long decodeIndex = firstFrameIndex + i;
      long offsetTicks = (frame.frameIndex() - decodeIndex) * frameTicks;
      if (offsetTicks < Integer.MIN_VALUE || offsetTicks > Integer.MAX_VALUE) {
        throw new PipelineException(
            ErrorCode.SEGMENT_INVARIANT_VIOLATED,
            "frame " + frame.frameIndex() + " is reordered too far");
      }
      samples.add(
          new Sample(
              AnnexB.toLengthPrefixed(ByteBuffer.wrap(frame.data())),
              frameTicks,
              (int) offsetTicks,
              frame.keyFrame()));
    }
    return FragmentWriter.writeFragment(
        track, segment.sequence() + 1, firstFrameIndex * frameTicks, samples);
  }

  private static PipelineException invariant(EncodedTrack encoded, String message) {
    return new PipelineException(
        ErrorCode.SEGMENT_INVARIANT_VIOLATED,
        "rendition " + encoded.rendition().name() + ": " + message);
  }
}
