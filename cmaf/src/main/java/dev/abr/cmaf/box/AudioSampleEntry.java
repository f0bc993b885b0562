package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code mp4a} — ISO/IEC 14496-12 §12.2.3 AudioSampleEntry with the {@code esds} of ISO/IEC
 * 14496-14 §5.6: an MPEG-4 audio (AAC) track's sample description.
 *
 * @param dataReferenceIndex {@code dref} entry (from 1) holding the samples
 * @param channelCount channels (informative; the AudioSpecificConfig is authoritative)
 * @param sampleSizeBits bits per sample, 16
 * @param sampleRate sampling rate in Hz, the integer part of the 16.16 field; 0 when the rate does
 *     not fit in 16 bits
 * @param elementaryStreamDescriptor the {@code esds}
 * @param otherBoxes children this package does not model (for example {@code btrt}), written last
 */
public record AudioSampleEntry(
    int dataReferenceIndex,
    int channelCount,
    int sampleSizeBits,
    int sampleRate,
    ElementaryStreamDescriptorBox elementaryStreamDescriptor,
    List<Box> otherBoxes)
    implements Box {
  /** The sample entry type of MPEG-4 audio. */
  public static final FourCc MP4A = FourCc.of("mp4a");

  public AudioSampleEntry {
    FieldRanges.u16(dataReferenceIndex, "data_reference_index");
    FieldRanges.u16(channelCount, "channelcount");
    FieldRanges.u16(sampleSizeBits, "samplesize");
    FieldRanges.u16(sampleRate, "samplerate");
    otherBoxes = List.copyOf(otherBoxes);
  }

  @Override
  public FourCc type() {
    return MP4A;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>();
    children.add(elementaryStreamDescriptor);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeZeros(6); // SampleEntry reserved
    out.writeU16(dataReferenceIndex);
    out.writeZeros(4 * 2); // reserved (entry version 0)
    out.writeU16(channelCount);
    out.writeU16(sampleSizeBits);
    out.writeZeros(2 + 2); // pre_defined, reserved
    out.writeU32((long) sampleRate << 16);
    children().forEach(out::writeBox);
  }

  static AudioSampleEntry read(BoxInput in) {
    in.skip(6);
    int dataReferenceIndex = in.readU16();
    int entryVersion = in.readU16();
    if (entryVersion != 0) {
      throw in.unsupported("audio sample entry version " + entryVersion + " is not supported");
    }
    in.skip(6);
    int channelCount = in.readU16();
    int sampleSize = in.readU16();
    in.skip(4);
    int sampleRate = (int) (in.readU32() >>> 16);
    ChildBoxes children = ChildBoxes.read(in);
    return new AudioSampleEntry(
        dataReferenceIndex,
        channelCount,
        sampleSize,
        sampleRate,
        children.required(ElementaryStreamDescriptorBox.class, ElementaryStreamDescriptorBox.TYPE),
        children.others(ElementaryStreamDescriptorBox.class));
  }
}
