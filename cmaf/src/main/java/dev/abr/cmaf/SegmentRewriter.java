package dev.abr.cmaf;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxReader.PositionedBox;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.SegmentTypeBox;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-emits a fragment as a CMAF segment with a new sequence number, without touching its sample
 * data: any leading {@code styp} is replaced by {@link CmafBrands#SEGMENT}, the {@code mfhd}
 * sequence number is rewritten, and every other box is copied as read. Since the {@code moof} keeps
 * its size and the boxes after it keep their order and sizes, data offsets relative to the {@code
 * moof} stay valid.
 */
public final class SegmentRewriter {
  private SegmentRewriter() {}

  /**
   * Returns {@code fragment} (a fragment or a segment, its remaining bytes) as a segment numbered
   * {@code sequenceNumber}, in a new array the caller owns.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if {@code fragment} is not a
   *     fragment {@link FragmentReader} accepts; {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} if it
   *     uses an absolute base data offset or a box would not be written back at its original size
   * @throws IllegalArgumentException if {@code sequenceNumber} is not in 0..2^32-1
   */
  public static byte[] rewrite(ByteBuffer fragment, long sequenceNumber) {
    Fragment parsed = FragmentReader.read(fragment);
    List<Box> out = new ArrayList<>();
    out.add(CmafBrands.SEGMENT);
    for (PositionedBox positioned : BoxReader.readPositioned(fragment)) {
      Box box = positioned.box();
      if (box instanceof SegmentTypeBox) {
        continue;
      }
      if (box instanceof MovieFragmentBox moof) {
        if (moof.trackFragments().stream().anyMatch(t -> t.header().baseDataOffset().isPresent())) {
          throw new PipelineException(
              ErrorCode.INPUT_UNSUPPORTED_FORMAT,
              "fragment "
                  + parsed.sequenceNumber()
                  + " uses an absolute base data offset; it cannot be moved into a segment");
        }
        box = moof.withSequenceNumber(sequenceNumber);
      }
      if (BoxWriter.size(box) != positioned.size()) {
        throw new PipelineException(
            ErrorCode.INPUT_UNSUPPORTED_FORMAT,
            "'"
                + box.type()
                + "' at offset "
                + positioned.offset()
                + " would be rewritten with a different size ("
                + BoxWriter.size(box)
                + " instead of "
                + positioned.size()
                + " bytes)");
      }
      out.add(box);
    }
    return BoxWriter.write(out);
  }

  /** Rewrites {@code fragment}; see {@link #rewrite(ByteBuffer, long)}. */
  public static byte[] rewrite(byte[] fragment, long sequenceNumber) {
    return rewrite(ByteBuffer.wrap(fragment), sequenceNumber);
  }
}
