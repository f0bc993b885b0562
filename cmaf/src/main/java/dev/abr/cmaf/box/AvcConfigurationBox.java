package dev.abr.cmaf.box;

import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.core.error.PipelineException;

/**
 * {@code avcC} — ISO/IEC 14496-15 §5.4.2.1: the AVCConfigurationBox of an {@code avc1} sample
 * entry, holding an {@link AvcDecoderConfigurationRecord}.
 *
 * @param configuration the decoder configuration record
 */
public record AvcConfigurationBox(AvcDecoderConfigurationRecord configuration) implements Box {
  public static final FourCc TYPE = FourCc.of("avcC");

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeBytes(configuration.toByteArray());
  }

  static AvcConfigurationBox read(BoxInput in) {
    try {
      return new AvcConfigurationBox(AvcDecoderConfigurationRecord.parse(in.readRemaining()));
    } catch (PipelineException e) {
      throw in.fail(e.getMessage());
    }
  }
}
