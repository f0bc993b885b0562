package dev.abr.cmaf.box;

import java.util.List;

/**
 * An ISO/IEC 14496-12 box. Each record serializes its own fields; {@link BoxWriter} writes the
 * header (size and type, plus version and flags for a {@link FullBox}). Boxes are immutable values
 * and safe to share between threads.
 */
public sealed interface Box
    permits FullBox,
        AudioSampleEntry,
        AvcConfigurationBox,
        DataInformationBox,
        FileTypeBox,
        MediaBox,
        MediaDataBox,
        MediaInformationBox,
        MovieBox,
        MovieExtendsBox,
        MovieFragmentBox,
        PixelAspectRatioBox,
        SampleTableBox,
        SegmentTypeBox,
        TrackBox,
        TrackFragmentBox,
        UnknownBox,
        VisualSampleEntry {

  /** The box type, for example {@code moov}. */
  FourCc type();

  /**
   * Writes the fields after the header (and, for a full box, after version and flags), children
   * included. Called twice by {@link BoxWriter}: once to count bytes, once to write them.
   */
  void writePayload(BoxOutput out);

  /**
   * The child boxes in the order {@link #writePayload} writes them, always after the box's own
   * fields; empty for a leaf box.
   */
  default List<Box> children() {
    return List.of();
  }
}
