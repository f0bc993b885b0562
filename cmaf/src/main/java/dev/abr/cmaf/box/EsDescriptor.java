package dev.abr.cmaf.box;

import java.util.Optional;

/**
 * ES_Descriptor — ISO/IEC 14496-1 §7.2.6.5: describes one elementary stream. Stream dependence, URL
 * and OCR fields are skipped when read and never written.
 *
 * @param esId the ES_ID; 0 as stored in a file (ISO/IEC 14496-14)
 * @param streamPriority relative priority, 0..31
 * @param decoderConfig the DecoderConfigDescriptor
 * @param slConfig the SLConfigDescriptor
 */
public record EsDescriptor(
    int esId,
    int streamPriority,
    DecoderConfigDescriptor decoderConfig,
    SlConfigDescriptor slConfig) {
  static final int TAG = 0x03;
  private static final int STREAM_DEPENDENCE = 0x80;
  private static final int URL = 0x40;
  private static final int OCR_STREAM = 0x20;

  public EsDescriptor {
    FieldRanges.u16(esId, "ES_ID");
    if (streamPriority < 0 || streamPriority > 31) {
      throw new IllegalArgumentException("streamPriority is 5 bits: " + streamPriority);
    }
  }

  void write(BoxOutput out) {
    ElementaryStreamDescriptorBox.writeDescriptor(
        out,
        TAG,
        content -> {
          content.writeU16(esId);
          content.writeU8(streamPriority);
          decoderConfig.write(content);
          slConfig.write(content);
        });
  }

  /** Reads the content of the descriptor (after tag and size). */
  static EsDescriptor read(BoxInput in) {
    int esId = in.readU16();
    int flags = in.readU8();
    if ((flags & STREAM_DEPENDENCE) != 0) {
      in.skip(2); // dependsOn_ES_ID
    }
    if ((flags & URL) != 0) {
      in.skip(in.readU8()); // URLlength, URLstring
    }
    if ((flags & OCR_STREAM) != 0) {
      in.skip(2); // OCR_ES_Id
    }
    Optional<DecoderConfigDescriptor> decoderConfig = Optional.empty();
    Optional<SlConfigDescriptor> slConfig = Optional.empty();
    while (in.hasRemaining()) {
      int tag = in.readU8();
      BoxInput content =
          in.subrange(ElementaryStreamDescriptorBox.readDescriptorSize(in), "descriptor " + tag);
      if (tag == DecoderConfigDescriptor.TAG && decoderConfig.isEmpty()) {
        decoderConfig = Optional.of(DecoderConfigDescriptor.read(content));
      } else if (tag == SlConfigDescriptor.TAG && slConfig.isEmpty()) {
        slConfig = Optional.of(SlConfigDescriptor.read(content));
      }
    }
    if (decoderConfig.isEmpty() || slConfig.isEmpty()) {
      throw in.fail("ES_Descriptor lacks a DecoderConfigDescriptor or an SLConfigDescriptor");
    }
    return new EsDescriptor(esId, flags & 0x1F, decoderConfig.get(), slConfig.get());
  }
}
