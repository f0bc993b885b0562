package dev.abr.cmaf.box;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * DecoderConfigDescriptor — ISO/IEC 14496-1 §7.2.6.6: codec type, buffer size, bit rates and the
 * DecoderSpecificInfo (§7.2.6.7) of an elementary stream.
 *
 * @param objectTypeIndication codec; {@link #AUDIO_ISO_14496_3} for AAC
 * @param streamType {@link #STREAM_TYPE_AUDIO} for audio
 * @param upStream true for an upstream stream (never for media files)
 * @param bufferSizeBytes decoding buffer size, 0 if unknown
 * @param maxBitsPerSecond peak bit rate over any second, 0 if unknown
 * @param averageBitsPerSecond average bit rate, 0 if unknown or variable
 * @param decoderSpecificInfo the codec configuration (for AAC the AudioSpecificConfig); stored as a
 *     read-only view
 */
public record DecoderConfigDescriptor(
    int objectTypeIndication,
    int streamType,
    boolean upStream,
    int bufferSizeBytes,
    long maxBitsPerSecond,
    long averageBitsPerSecond,
    Optional<ByteBuffer> decoderSpecificInfo) {
  /** objectTypeIndication of MPEG-4 Audio (ISO/IEC 14496-3), AAC included. */
  public static final int AUDIO_ISO_14496_3 = 0x40;

  /** streamType of an audio stream (ISO/IEC 14496-1 Table 6). */
  public static final int STREAM_TYPE_AUDIO = 0x05;

  static final int TAG = 0x04;
  static final int DECODER_SPECIFIC_INFO_TAG = 0x05;

  public DecoderConfigDescriptor {
    FieldRanges.u8(objectTypeIndication, "objectTypeIndication");
    if (streamType < 0 || streamType > 0x3F) {
      throw new IllegalArgumentException("streamType is 6 bits: " + streamType);
    }
    if (bufferSizeBytes < 0 || bufferSizeBytes > 0xFF_FFFF) {
      throw new IllegalArgumentException("bufferSizeDB is 24 bits: " + bufferSizeBytes);
    }
    FieldRanges.u32(maxBitsPerSecond, "maxBitrate");
    FieldRanges.u32(averageBitsPerSecond, "avgBitrate");
    decoderSpecificInfo = decoderSpecificInfo.map(info -> info.slice().asReadOnlyBuffer());
  }

  /** Returns a read-only view of the DecoderSpecificInfo, if any. */
  @Override
  public Optional<ByteBuffer> decoderSpecificInfo() {
    return decoderSpecificInfo.map(ByteBuffer::duplicate);
  }

  void write(BoxOutput out) {
    ElementaryStreamDescriptorBox.writeDescriptor(
        out,
        TAG,
        content -> {
          content.writeU8(objectTypeIndication);
          content.writeU8((streamType << 2) | (upStream ? 0x2 : 0) | 0x1);
          content.writeU24(bufferSizeBytes);
          content.writeU32(maxBitsPerSecond);
          content.writeU32(averageBitsPerSecond);
          decoderSpecificInfo.ifPresent(
              info ->
                  ElementaryStreamDescriptorBox.writeDescriptor(
                      content, DECODER_SPECIFIC_INFO_TAG, dsi -> dsi.writeBytes(info)));
        });
  }

  /** Reads the content of the descriptor (after tag and size). */
  static DecoderConfigDescriptor read(BoxInput in) {
    int objectType = in.readU8();
    int streamTypeByte = in.readU8();
    int bufferSize = in.readU24();
    long maxBitrate = in.readU32();
    long averageBitrate = in.readU32();
    Optional<ByteBuffer> info = Optional.empty();
    while (in.hasRemaining()) {
      int tag = in.readU8();
      BoxInput content =
          in.subrange(ElementaryStreamDescriptorBox.readDescriptorSize(in), "descriptor " + tag);
      if (tag == DECODER_SPECIFIC_INFO_TAG && info.isEmpty()) {
        info = Optional.of(content.readRemaining());
      }
      // Other descriptors (profileLevelIndicationIndexDescriptor) are skipped.
    }
    return new DecoderConfigDescriptor(
        objectType,
        streamTypeByte >>> 2,
        (streamTypeByte & 0x2) != 0,
        bufferSize,
        maxBitrate,
        averageBitrate,
        info);
  }
}
