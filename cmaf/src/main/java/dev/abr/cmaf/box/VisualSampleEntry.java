package dev.abr.cmaf.box;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code avc1} — ISO/IEC 14496-12 §12.1.3 VisualSampleEntry with the AVC configuration of ISO/IEC
 * 14496-15 §5.4.2: coded picture size and the {@code avcC} (parameter sets out of band).
 *
 * @param dataReferenceIndex {@code dref} entry (from 1) holding the samples
 * @param width picture width in pixels (after cropping)
 * @param height picture height in pixels (after cropping)
 * @param horizontalResolution pixels per inch, 16.16 fixed point ({@code 0x00480000}: 72)
 * @param verticalResolution pixels per inch, 16.16 fixed point
 * @param frameCount frames per sample (1)
 * @param compressorName informative name, at most 31 bytes of UTF-8
 * @param depth {@code 0x0018}: colour without alpha
 * @param avcConfiguration the {@code avcC}
 * @param pixelAspectRatio the {@code pasp}, if present
 * @param otherBoxes children this package does not model (for example {@code btrt}, {@code colr}),
 *     written last
 */
public record VisualSampleEntry(
    int dataReferenceIndex,
    int width,
    int height,
    long horizontalResolution,
    long verticalResolution,
    int frameCount,
    String compressorName,
    int depth,
    AvcConfigurationBox avcConfiguration,
    Optional<PixelAspectRatioBox> pixelAspectRatio,
    List<Box> otherBoxes)
    implements Box {
  /** The sample entry type of AVC with parameter sets in the sample entry only. */
  public static final FourCc AVC1 = FourCc.of("avc1");

  private static final long RESOLUTION_72_DPI = 0x0048_0000L;
  private static final int COLOUR_NO_ALPHA = 0x0018;
  private static final int COMPRESSOR_NAME_BYTES = 32;

  public VisualSampleEntry {
    FieldRanges.u16(dataReferenceIndex, "data_reference_index");
    FieldRanges.u16(width, "width");
    FieldRanges.u16(height, "height");
    FieldRanges.u32(horizontalResolution, "horizresolution");
    FieldRanges.u32(verticalResolution, "vertresolution");
    FieldRanges.u16(frameCount, "frame_count");
    FieldRanges.u16(depth, "depth");
    if (compressorName.getBytes(StandardCharsets.UTF_8).length > COMPRESSOR_NAME_BYTES - 1) {
      throw new IllegalArgumentException(
          "compressorname is longer than 31 bytes: " + compressorName);
    }
    otherBoxes = List.copyOf(otherBoxes);
  }

  /**
   * Returns an {@code avc1} entry with the usual constants: data reference 1, 72 dpi, one frame per
   * sample, no compressor name, depth {@code 0x0018}.
   */
  public static VisualSampleEntry avc1(
      int width,
      int height,
      AvcConfigurationBox avcConfiguration,
      Optional<PixelAspectRatioBox> pixelAspectRatio) {
    return new VisualSampleEntry(
        1,
        width,
        height,
        RESOLUTION_72_DPI,
        RESOLUTION_72_DPI,
        1,
        "",
        COLOUR_NO_ALPHA,
        avcConfiguration,
        pixelAspectRatio,
        List.of());
  }

  @Override
  public FourCc type() {
    return AVC1;
  }

  @Override
  public List<Box> children() {
    List<Box> children = new ArrayList<>();
    children.add(avcConfiguration);
    pixelAspectRatio.ifPresent(children::add);
    children.addAll(otherBoxes);
    return children;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeZeros(6); // SampleEntry reserved
    out.writeU16(dataReferenceIndex);
    out.writeZeros(2 + 2 + 4 * 3); // pre_defined, reserved, pre_defined[3]
    out.writeU16(width);
    out.writeU16(height);
    out.writeU32(horizontalResolution);
    out.writeU32(verticalResolution);
    out.writeZeros(4); // reserved
    out.writeU16(frameCount);
    // compressorname: a length byte, the name, zero padding to 32 bytes.
    byte[] name = compressorName.getBytes(StandardCharsets.UTF_8);
    out.writeU8(name.length);
    out.writeBytes(name);
    out.writeZeros(COMPRESSOR_NAME_BYTES - 1 - name.length);
    out.writeU16(depth);
    out.writeI16(-1); // pre_defined
    children().forEach(out::writeBox);
  }

  static VisualSampleEntry read(BoxInput in) {
    in.skip(6);
    int dataReferenceIndex = in.readU16();
    in.skip(2 + 2 + 4 * 3);
    int width = in.readU16();
    int height = in.readU16();
    long horizontalResolution = in.readU32();
    long verticalResolution = in.readU32();
    in.skip(4);
    int frameCount = in.readU16();
    int nameLength = Math.min(in.readU8(), COMPRESSOR_NAME_BYTES - 1);
    byte[] name = new byte[nameLength];
    in.readBytes(nameLength).get(name);
    in.skip(COMPRESSOR_NAME_BYTES - 1 - nameLength);
    int depth = in.readU16();
    in.skip(2);
    ChildBoxes children = ChildBoxes.read(in);
    return new VisualSampleEntry(
        dataReferenceIndex,
        width,
        height,
        horizontalResolution,
        verticalResolution,
        frameCount,
        new String(name, StandardCharsets.UTF_8),
        depth,
        children.required(AvcConfigurationBox.class, AvcConfigurationBox.TYPE),
        children.optional(PixelAspectRatioBox.class, PixelAspectRatioBox.TYPE),
        children.others(AvcConfigurationBox.class, PixelAspectRatioBox.class));
  }
}
