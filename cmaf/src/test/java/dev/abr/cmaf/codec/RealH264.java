package dev.abr.cmaf.codec;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Parameter sets of real libx264 streams (FFmpeg 8.1 with x264 core 165, {@code -f lavfi -i
 * testsrc2=size=WxH:rate=25 -c:v libx264 -profile:v P -pix_fmt yuv420p -threads 1 -flags +bitexact
 * -f h264}), hex-dumped from the Annex B output.
 */
public final class RealH264 {
  /** 1920x1080 High@4.0 (coded 1920x1088, cropped), square pixels. */
  public static final String HIGH_1080P_SPS =
      "67640028acd940780227e5c044000003000400000300c83c60c658";

  public static final String HIGH_1080P_PPS = "68ebe3cb22c0";

  /** 640x360 Main@3.0 (coded 640x368, cropped). */
  public static final String MAIN_360P_SPS = "674d401eeca05017fcb808800000030080000019078b16cb";

  public static final String MAIN_360P_PPS = "68ebe3cb20";

  /** 320x240 Constrained Baseline@1.3. */
  public static final String BASELINE_240P_SPS = "6742c00dd90141fb011000000300100000030320f142a480";

  public static final String BASELINE_240P_PPS = "68cb83cb20";

  /** 720x576 Main@3.0 with {@code -vf setsar=16/15}: Extended_SAR 16:15 in the VUI. */
  public static final String MAIN_576P_SAR_16_15_SPS =
      "674d401eeca05a0937fe0020001e20000003002000000641e2c5b2c0";

  /** 1440x1080 High@4.0 with {@code -vf setsar=4/3}: aspect_ratio_idc 14 (4:3) in the VUI. */
  public static final String HIGH_1440X1080_SAR_4_3_SPS =
      "67640028acd9405a0227e5c384000003000400000300c83c60c658";

  /** A short user-data SEI NAL unit standing in for libx264's version SEI. */
  public static final String SEI = "0605081122334455667788" + "80";

  private RealH264() {}

  /** Returns a read-only buffer of the hex bytes. */
  public static ByteBuffer bytes(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex)).asReadOnlyBuffer();
  }

  /** Returns libx264-style Annex B extradata: 4-byte start codes, then SPS, PPS and an SEI. */
  public static ByteBuffer annexBExtradata(String sps, String pps) {
    return bytes("00000001" + sps + "00000001" + pps + "000001" + SEI);
  }

  /** Returns the avcC record of the 1080p High stream. */
  public static AvcDecoderConfigurationRecord high1080pConfiguration() {
    return AvcDecoderConfigurationRecord.fromExtradata(
        annexBExtradata(HIGH_1080P_SPS, HIGH_1080P_PPS));
  }
}
