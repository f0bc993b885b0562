package dev.abr.cmaf.box;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses bytes into box records: the types this package models become their records (containers
 * recurse), anything else an {@link UnknownBox} holding its payload as read.
 *
 * <p>Robust against malformed input: truncation, sizes below 8 or beyond the enclosing box, absurd
 * entry counts and excessive nesting all end in a {@link PipelineException} with {@link
 * ErrorCode#INPUT_UNREADABLE} (or {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} for box versions this
 * package does not model) whose message names the box path and offset. Counts are checked against
 * the bytes present before anything is allocated for them, so the work done is bounded by the
 * input's size.
 *
 * <p>Byte payloads in the returned records are read-only views of {@code input}: copy the input
 * first if it will be modified while the boxes are in use.
 */
public final class BoxReader {
  @FunctionalInterface
  interface PayloadParser {
    Box parse(BoxInput payload, int version, int flags);
  }

  private record Parser(boolean fullBox, PayloadParser parser) {}

  private static final Map<FourCc, Parser> PARSERS =
      Map.ofEntries(
          plain(FileTypeBox.TYPE, (in, v, f) -> FileTypeBox.read(in)),
          plain(SegmentTypeBox.TYPE, (in, v, f) -> SegmentTypeBox.read(in)),
          plain(MovieBox.TYPE, (in, v, f) -> MovieBox.read(in)),
          full(MovieHeaderBox.TYPE, MovieHeaderBox::read),
          plain(TrackBox.TYPE, (in, v, f) -> TrackBox.read(in)),
          full(TrackHeaderBox.TYPE, TrackHeaderBox::read),
          plain(MediaBox.TYPE, (in, v, f) -> MediaBox.read(in)),
          full(MediaHeaderBox.TYPE, MediaHeaderBox::read),
          full(HandlerBox.TYPE, HandlerBox::read),
          plain(MediaInformationBox.TYPE, (in, v, f) -> MediaInformationBox.read(in)),
          full(VideoMediaHeaderBox.TYPE, VideoMediaHeaderBox::read),
          full(SoundMediaHeaderBox.TYPE, SoundMediaHeaderBox::read),
          plain(DataInformationBox.TYPE, (in, v, f) -> DataInformationBox.read(in)),
          full(DataReferenceBox.TYPE, DataReferenceBox::read),
          full(DataEntryUrlBox.TYPE, DataEntryUrlBox::read),
          plain(SampleTableBox.TYPE, (in, v, f) -> SampleTableBox.read(in)),
          full(SampleDescriptionBox.TYPE, SampleDescriptionBox::read),
          plain(VisualSampleEntry.AVC1, (in, v, f) -> VisualSampleEntry.read(in)),
          plain(AvcConfigurationBox.TYPE, (in, v, f) -> AvcConfigurationBox.read(in)),
          plain(PixelAspectRatioBox.TYPE, (in, v, f) -> PixelAspectRatioBox.read(in)),
          plain(AudioSampleEntry.MP4A, (in, v, f) -> AudioSampleEntry.read(in)),
          full(ElementaryStreamDescriptorBox.TYPE, ElementaryStreamDescriptorBox::read),
          full(TimeToSampleBox.TYPE, TimeToSampleBox::read),
          full(SampleToChunkBox.TYPE, SampleToChunkBox::read),
          full(SampleSizeBox.TYPE, SampleSizeBox::read),
          full(ChunkOffsetBox.TYPE, ChunkOffsetBox::read),
          plain(MovieExtendsBox.TYPE, (in, v, f) -> MovieExtendsBox.read(in)),
          full(TrackExtendsBox.TYPE, TrackExtendsBox::read),
          plain(MovieFragmentBox.TYPE, (in, v, f) -> MovieFragmentBox.read(in)),
          full(MovieFragmentHeaderBox.TYPE, MovieFragmentHeaderBox::read),
          plain(TrackFragmentBox.TYPE, (in, v, f) -> TrackFragmentBox.read(in)),
          full(TrackFragmentHeaderBox.TYPE, TrackFragmentHeaderBox::read),
          full(TrackFragmentBaseMediaDecodeTimeBox.TYPE, TrackFragmentBaseMediaDecodeTimeBox::read),
          full(TrackRunBox.TYPE, TrackRunBox::read),
          plain(MediaDataBox.TYPE, (in, v, f) -> MediaDataBox.read(in)));

  private BoxReader() {}

  /**
   * Parses the remaining bytes of {@code input} (its position is not changed) as a sequence of
   * top-level boxes. An empty input gives an empty list.
   *
   * @throws PipelineException with an {@code INPUT_*} code if the bytes are not well-formed boxes
   */
  public static List<Box> read(ByteBuffer input) {
    return readChildren(BoxInput.root(input));
  }

  /** Parses {@code input} as top-level boxes; see {@link #read(ByteBuffer)}. */
  public static List<Box> read(byte[] input) {
    return read(ByteBuffer.wrap(input));
  }

  /**
   * A top-level box with where it was found.
   *
   * @param box the parsed box
   * @param offset offset of the box header from the start of the input
   * @param headerSize bytes of the header (8, or 16 with a largesize), version and flags excluded
   * @param size bytes of the whole box as read, header included
   */
  public record PositionedBox(Box box, int offset, int headerSize, int size) {
    /** Offset of the first payload byte from the start of the input. */
    public int payloadOffset() {
      return offset + headerSize;
    }
  }

  /**
   * Parses top-level boxes like {@link #read(ByteBuffer)} and also returns where each one is in
   * {@code input}, for readers that resolve byte offsets (such as {@code trun} data offsets).
   *
   * @throws PipelineException with an {@code INPUT_*} code if the bytes are not well-formed boxes
   */
  public static List<PositionedBox> readPositioned(ByteBuffer input) {
    BoxInput in = BoxInput.root(input);
    List<PositionedBox> boxes = new ArrayList<>();
    while (in.hasRemaining()) {
      int offset = in.offset();
      Parsed parsed = readBox(in);
      boxes.add(new PositionedBox(parsed.box(), offset, parsed.headerSize(), in.offset() - offset));
    }
    return boxes;
  }

  /** Reads boxes until the end of {@code in}. */
  static List<Box> readChildren(BoxInput in) {
    List<Box> boxes = new ArrayList<>();
    while (in.hasRemaining()) {
      boxes.add(readBox(in).box());
    }
    return boxes;
  }

  private record Parsed(Box box, int headerSize) {}

  private static Parsed readBox(BoxInput parent) {
    int boxOffset = parent.offset();
    if (parent.remaining() < 8) {
      throw parent.fail(
          "box header at offset "
              + boxOffset
              + " needs 8 bytes but only "
              + parent.remaining()
              + " remain");
    }
    long size = parent.readU32();
    FourCc type = parent.readFourCc();
    int available = parent.end() - boxOffset;
    int headerSize = 8;
    if (size == 1) {
      // ISO/IEC 14496-12 §4.2: the real size follows as a 64-bit largesize.
      if (parent.remaining() < 8) {
        throw parent.fail(
            "'" + type + "' at offset " + boxOffset + " is truncated inside its largesize field");
      }
      size = parent.readU64();
      headerSize = 16;
      if (size < 16) {
        throw parent.fail(
            "'" + type + "' at offset " + boxOffset + " has largesize " + size + " (below 16)");
      }
    } else if (size == 0) {
      // ISO/IEC 14496-12 §4.2: the box extends to the end of the file (here: of its container).
      size = available;
    } else if (size < 8) {
      throw parent.fail(
          "'" + type + "' at offset " + boxOffset + " has size " + size + " (below 8)");
    }
    if (size > available) {
      throw parent.fail(
          "'"
              + type
              + "' at offset "
              + boxOffset
              + " declares "
              + size
              + " bytes but only "
              + available
              + " remain");
    }
    int boxEnd = boxOffset + (int) size;
    BoxInput payload = parent.child(type, boxOffset, parent.offset(), boxEnd);
    parent.skip(boxEnd - parent.offset());
    Parser parser = PARSERS.get(type);
    if (parser == null) {
      return new Parsed(new UnknownBox(type, payload.readRemaining()), headerSize);
    }
    int version = 0;
    int flags = 0;
    if (parser.fullBox()) {
      version = payload.readU8();
      flags = payload.readU24();
    }
    Box box;
    try {
      box = parser.parser().parse(payload, version, flags);
    } catch (IllegalArgumentException invalid) {
      // A record rejected a field combination that the layout allowed.
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          payload.where() + ": invalid field values: " + invalid.getMessage(),
          invalid);
    }
    payload.requireEnd();
    return new Parsed(box, headerSize);
  }

  private static Map.Entry<FourCc, Parser> plain(FourCc type, PayloadParser parser) {
    return Map.entry(type, new Parser(false, parser));
  }

  private static Map.Entry<FourCc, Parser> full(FourCc type, PayloadParser parser) {
    return Map.entry(type, new Parser(true, parser));
  }
}
