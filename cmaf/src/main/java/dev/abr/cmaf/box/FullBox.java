package dev.abr.cmaf.box;

/** A box whose payload starts with an 8-bit version and 24-bit flags (ISO/IEC 14496-12 §4.2). */
public sealed interface FullBox extends Box
    permits ChunkOffsetBox,
        DataEntryUrlBox,
        DataReferenceBox,
        ElementaryStreamDescriptorBox,
        HandlerBox,
        MediaHeaderBox,
        MovieFragmentHeaderBox,
        MovieHeaderBox,
        SampleDescriptionBox,
        SampleSizeBox,
        SampleToChunkBox,
        SoundMediaHeaderBox,
        TimeToSampleBox,
        TrackExtendsBox,
        TrackFragmentBaseMediaDecodeTimeBox,
        TrackFragmentHeaderBox,
        TrackHeaderBox,
        TrackRunBox,
        VideoMediaHeaderBox {

  /** The version written in the header, 0..255. */
  int version();

  /** The 24 flag bits written in the header. */
  int flags();
}
