package dev.abr.cmaf.box;

/**
 * SLConfigDescriptor — ISO/IEC 14496-1 §7.3.2.3: sync layer configuration; in MP4 files always the
 * predefined value 2 (ISO/IEC 14496-14).
 *
 * @param predefined the predefined configuration; custom configurations (0) are read but their
 *     fields are not kept
 */
public record SlConfigDescriptor(int predefined) {
  /** The configuration of MP4 files. */
  public static final SlConfigDescriptor MP4 = new SlConfigDescriptor(2);

  static final int TAG = 0x06;

  public SlConfigDescriptor {
    FieldRanges.u8(predefined, "predefined");
  }

  void write(BoxOutput out) {
    ElementaryStreamDescriptorBox.writeDescriptor(out, TAG, content -> content.writeU8(predefined));
  }

  /** Reads the content of the descriptor (after tag and size). */
  static SlConfigDescriptor read(BoxInput in) {
    int predefined = in.readU8();
    in.skip(in.remaining());
    return new SlConfigDescriptor(predefined);
  }
}
