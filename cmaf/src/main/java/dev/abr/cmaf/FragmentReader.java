package dev.abr.cmaf;

import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxReader.PositionedBox;
import dev.abr.cmaf.box.MediaDataBox;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.SampleFlags;
import dev.abr.cmaf.box.SegmentTypeBox;
import dev.abr.cmaf.box.TrackFragmentBox;
import dev.abr.cmaf.box.TrackFragmentHeaderBox;
import dev.abr.cmaf.box.TrackRunBox;
import dev.abr.cmaf.box.TrackRunBox.SampleField;
import dev.abr.cmaf.box.TrackRunSample;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one CMAF fragment, or a segment holding one fragment: optional {@code styp}, one {@code
 * moof} with one {@code traf} (with {@code tfdt}), and the {@code mdat} its samples point into.
 * Other top-level boxes ({@code prft}, {@code emsg}, ...) are allowed and ignored.
 *
 * <p>Per-sample values come from the {@code trun}, else from the {@code tfhd} defaults (and the
 * first-sample flags); values that would come from the init segment's {@code trex} are not known
 * here, so a fragment relying on them is rejected with {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT}.
 * Sample bytes are located with the data offsets (ISO/IEC 14496-12 §8.8.7 and §8.8.8) and must lie
 * inside the {@code mdat}.
 */
public final class FragmentReader {
  private FragmentReader() {}

  /**
   * Parses {@code bytes} (its remaining bytes; position unchanged). The sample data in the result
   * are read-only views of {@code bytes}.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the bytes are not a well-formed
   *     fragment; {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} for valid structures this reader does
   *     not support (several fragments or tracks, values only in {@code trex})
   */
  public static Fragment read(ByteBuffer bytes) {
    ByteBuffer input = bytes.slice().asReadOnlyBuffer();
    List<PositionedBox> boxes = BoxReader.readPositioned(input);
    Optional<SegmentTypeBox> segmentType =
        boxes.isEmpty() || !(boxes.get(0).box() instanceof SegmentTypeBox styp)
            ? Optional.empty()
            : Optional.of(styp);
    PositionedBox moofAt = single(boxes, MovieFragmentBox.class, "moof");
    PositionedBox mdatAt = single(boxes, MediaDataBox.class, "mdat");
    MovieFragmentBox moof = (MovieFragmentBox) moofAt.box();
    if (moof.trackFragments().size() != 1) {
      throw unsupported(
          "'moof' has " + moof.trackFragments().size() + " track fragments; CMAF has exactly one");
    }
    TrackFragmentBox traf = moof.trackFragments().get(0);
    TrackFragmentHeaderBox tfhd = traf.header();
    long baseDecodeTime =
        traf.decodeTime()
            .orElseThrow(() -> unreadable("'traf' has no 'tfdt' (required by CMAF)"))
            .baseMediaDecodeTimeTicks();
    if (traf.runs().isEmpty()) {
      throw unreadable("'traf' has no 'trun'");
    }
    // §8.8.7.1: without base-data-offset the base is the first byte of the (only) moof.
    long base = tfhd.baseDataOffset().orElse(moofAt.offset());
    if (base > input.limit()) {
      throw unreadable("base data offset " + base + " lies beyond the input");
    }
    long dataStart = mdatAt.payloadOffset();
    long dataEnd = (long) mdatAt.offset() + mdatAt.size();

    List<FragmentSample> samples = new ArrayList<>();
    long decodeTime = baseDecodeTime;
    long position = base;
    for (int r = 0; r < traf.runs().size(); r++) {
      TrackRunBox trun = traf.runs().get(r);
      // §8.8.8.3: without a data offset a run continues where the previous one ended.
      if (trun.dataOffset().isPresent()) {
        position = base + trun.dataOffset().getAsInt();
      }
      for (int i = 0; i < trun.samples().size(); i++) {
        TrackRunSample entry = trun.samples().get(i);
        long duration =
            value(
                trun,
                SampleField.DURATION,
                entry.durationTicks(),
                tfhd.defaultSampleDurationTicks(),
                "duration");
        long size =
            value(trun, SampleField.SIZE, entry.sizeBytes(), tfhd.defaultSampleSizeBytes(), "size");
        SampleFlags flags = flags(trun, i, entry, tfhd);
        if (position < dataStart || size > dataEnd - position) {
          throw unreadable(
              "sample "
                  + samples.size()
                  + " at offset "
                  + position
                  + " with "
                  + size
                  + " bytes lies outside the 'mdat' payload ["
                  + dataStart
                  + ", "
                  + dataEnd
                  + ")");
        }
        samples.add(
            new FragmentSample(
                decodeTime,
                duration,
                entry.compositionOffsetTicks(),
                flags,
                input.slice((int) position, (int) size)));
        position += size;
        decodeTime += duration;
        if (decodeTime < 0) {
          throw unreadable("decode times overflow");
        }
      }
    }
    if (samples.isEmpty()) {
      throw unreadable("the fragment has no samples");
    }
    return new Fragment(
        segmentType, moof.header().sequenceNumber(), tfhd.trackId(), baseDecodeTime, samples);
  }

  /** Parses {@code bytes}; see {@link #read(ByteBuffer)}. */
  public static Fragment read(byte[] bytes) {
    return read(ByteBuffer.wrap(bytes));
  }

  private static PositionedBox single(List<PositionedBox> boxes, Class<?> type, String name) {
    List<PositionedBox> found = boxes.stream().filter(b -> type.isInstance(b.box())).toList();
    if (found.isEmpty()) {
      throw unreadable("no '" + name + "' box");
    }
    if (found.size() > 1) {
      throw unsupported(found.size() + " '" + name + "' boxes; one fragment is supported");
    }
    return found.get(0);
  }

  private static long value(
      TrackRunBox trun, SampleField field, long own, OptionalLong fallback, String name) {
    if (trun.sampleFields().contains(field)) {
      return own;
    }
    return fallback.orElseThrow(() -> missingDefault(name));
  }

  private static SampleFlags flags(
      TrackRunBox trun, int index, TrackRunSample entry, TrackFragmentHeaderBox tfhd) {
    if (trun.sampleFields().contains(SampleField.FLAGS)) {
      return entry.flags();
    }
    if (index == 0 && trun.firstSampleFlags().isPresent()) {
      return trun.firstSampleFlags().get();
    }
    return tfhd.defaultSampleFlags().orElseThrow(() -> missingDefault("flags"));
  }

  private static PipelineException missingDefault(String name) {
    return unsupported(
        "sample "
            + name
            + " is neither in 'trun' nor in 'tfhd'; reading 'trex' defaults from the init segment"
            + " is not supported");
  }

  private static PipelineException unreadable(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, "fragment: " + message);
  }

  private static PipelineException unsupported(String message) {
    return new PipelineException(ErrorCode.INPUT_UNSUPPORTED_FORMAT, "fragment: " + message);
  }
}
