package dev.abr.cmaf.box;

import java.util.function.Consumer;

/**
 * {@code esds} — ISO/IEC 14496-14 §5.6: the ES_Descriptor of an MPEG-4 audio sample entry, which
 * carries the AudioSpecificConfig. Descriptor sizes are written in their shortest form.
 *
 * @param descriptor the ES_Descriptor
 */
public record ElementaryStreamDescriptorBox(EsDescriptor descriptor) implements FullBox {
  public static final FourCc TYPE = FourCc.of("esds");

  /** The largest size the 4-byte expandable size field can hold (ISO/IEC 14496-1 §8.3.3). */
  private static final int MAX_DESCRIPTOR_SIZE = (1 << 28) - 1;

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public void writePayload(BoxOutput out) {
    descriptor.write(out);
  }

  static ElementaryStreamDescriptorBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("esds version " + version + " is not supported");
    }
    int tag = in.readU8();
    if (tag != EsDescriptor.TAG) {
      throw in.fail("expected an ES_Descriptor (tag 3), found tag " + tag);
    }
    EsDescriptor descriptor =
        EsDescriptor.read(in.subrange(readDescriptorSize(in), "ES_Descriptor"));
    // Anything after the ES_Descriptor is ignored.
    in.skip(in.remaining());
    return new ElementaryStreamDescriptorBox(descriptor);
  }

  /** Writes a descriptor: tag, expandable size (ISO/IEC 14496-1 §8.3.3), then {@code content}. */
  static void writeDescriptor(BoxOutput out, int tag, Consumer<BoxOutput> content) {
    BoxOutput counter = BoxOutput.counting();
    content.accept(counter);
    long size = counter.position();
    if (size > MAX_DESCRIPTOR_SIZE) {
      throw new IllegalArgumentException("descriptor of " + size + " bytes is too large");
    }
    out.writeU8(tag);
    int shift = 21;
    while (shift > 0 && (size >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.writeU8((int) ((size >>> shift) & 0x7F) | 0x80);
    }
    out.writeU8((int) (size & 0x7F));
    content.accept(out);
  }

  /** Reads an expandable size: up to four bytes of 7 bits, high bit set while more follow. */
  static int readDescriptorSize(BoxInput in) {
    int size = 0;
    for (int i = 0; i < 4; i++) {
      int b = in.readU8();
      size = (size << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        return size;
      }
    }
    throw in.fail("descriptor size field is longer than 4 bytes");
  }
}
