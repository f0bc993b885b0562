package dev.abr.cmaf;

import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.cmaf.codec.SequenceParameterSet;
import dev.abr.core.message.TrackKind;
import dev.abr.core.time.Rational;

/**
 * An H.264 video track in {@code avc1} form: samples are length-prefixed NAL units, the parameter
 * sets are in the configuration.
 *
 * @param widthPixels decoded picture width after cropping, 1..65535
 * @param heightPixels decoded picture height after cropping, 1..65535
 * @param pixelAspectRatio width of a pixel relative to its height (1 for square pixels)
 * @param configuration the {@code avcC} record
 */
public record VideoFormat(
    int widthPixels,
    int heightPixels,
    Rational pixelAspectRatio,
    AvcDecoderConfigurationRecord configuration)
    implements CodecFormat {
  public VideoFormat {
    if (widthPixels <= 0 || widthPixels > 0xFFFF || heightPixels <= 0 || heightPixels > 0xFFFF) {
      throw new IllegalArgumentException(
          "picture size must be 1..65535 each: " + widthPixels + "x" + heightPixels);
    }
    // H.264 signals sar_width and sar_height in 16 bits (Annex E.1.1).
    if (pixelAspectRatio.numerator() > 0xFFFF || pixelAspectRatio.denominator() > 0xFFFF) {
      throw new IllegalArgumentException(
          "pixel aspect ratio terms must fit in 16 bits: " + pixelAspectRatio);
    }
    if (displayWidthFixedPoint(widthPixels, pixelAspectRatio) > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "display width of " + widthPixels + " pixels at " + pixelAspectRatio + " is too large");
    }
  }

  /**
   * Returns the format described by {@code configuration}'s first SPS: picture size after cropping
   * and the VUI sample aspect ratio (square when not signalled).
   *
   * @throws dev.abr.core.error.PipelineException if the SPS does not parse
   */
  public static VideoFormat of(AvcDecoderConfigurationRecord configuration) {
    SequenceParameterSet sps = configuration.sequenceParameterSet();
    return new VideoFormat(
        sps.widthPixels(),
        sps.heightPixels(),
        sps.sampleAspectRatio().orElse(Rational.of(1)),
        configuration);
  }

  /**
   * Presentation width in 16.16 fixed point, as {@code tkhd} wants it: the picture width scaled by
   * the pixel aspect ratio, rounded down (ISO/IEC 14496-12 §8.3.2.3).
   */
  public long displayWidthFixedPoint() {
    return displayWidthFixedPoint(widthPixels, pixelAspectRatio);
  }

  private static long displayWidthFixedPoint(int widthPixels, Rational pixelAspectRatio) {
    return ((long) widthPixels * pixelAspectRatio.numerator() << 16)
        / pixelAspectRatio.denominator();
  }

  @Override
  public TrackKind kind() {
    return TrackKind.VIDEO;
  }

  @Override
  public String codecs() {
    return configuration.codecs();
  }
}
