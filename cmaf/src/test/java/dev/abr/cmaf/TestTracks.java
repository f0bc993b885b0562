package dev.abr.cmaf;

import dev.abr.cmaf.codec.AnnexB;
import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.cmaf.codec.RealH264;
import java.util.ArrayList;
import java.util.List;

/** Tracks and deterministic samples for the tests of this package. */
final class TestTracks {
  /** 25 fps at the 90 kHz video timescale. */
  static final int FRAME_TICKS = 3600;

  /** One AAC frame at the 48 kHz audio timescale. */
  static final int AAC_FRAME_TICKS = 1024;

  private TestTracks() {}

  /** 1920x1080 High@4.0 from real libx264 parameter sets, timescale 90 000. */
  static CmafTrack video1080p() {
    return CmafTrack.video(90_000, VideoFormat.of(RealH264.high1080pConfiguration()));
  }

  /** AAC-LC, 48 kHz, stereo (AudioSpecificConfig {@code 11 90}). */
  static CmafTrack audio48kStereo() {
    return CmafTrack.audio(AudioFormat.of(AudioSpecificConfig.parse(RealH264.bytes("1190"))));
  }

  /**
   * Seven frames of an IPBB GOP in decode order, converted from synthetic Annex B access units: I0
   * P3 B1 B2 P6 B4 B5 (display index), decode index 0..6, so composition offsets are 0, +2, -1, -1,
   * +2, -1, -1 frames.
   */
  static List<Sample> videoGopWithBFrames() {
    int[] displayIndex = {0, 3, 1, 2, 6, 4, 5};
    List<Sample> samples = new ArrayList<>();
    for (int decodeIndex = 0; decodeIndex < displayIndex.length; decodeIndex++) {
      boolean key = decodeIndex == 0;
      String accessUnit =
          "00000001"
              + "0910"
              + (key
                  ? "00000001" + RealH264.HIGH_1080P_SPS + "00000001" + RealH264.HIGH_1080P_PPS
                  : "")
              + "000001"
              + (key ? "65" : displayIndex[decodeIndex] % 3 == 0 ? "41" : "01")
              + filler(decodeIndex, key ? 40 : 12 + 3 * decodeIndex);
      samples.add(
          new Sample(
              AnnexB.toLengthPrefixed(RealH264.bytes(accessUnit)),
              FRAME_TICKS,
              (displayIndex[decodeIndex] - decodeIndex) * FRAME_TICKS,
              key));
    }
    return samples;
  }

  /** Five raw AAC frames of varying sizes. */
  static List<Sample> aacFrames() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      samples.add(
          new Sample(
              RealH264.bytes("21" + filler(i, 20 + i)), AAC_FRAME_TICKS, 0, /* keyFrame= */ true));
    }
    return samples;
  }

  /** {@code count} hex bytes derived from {@code seed}, never forming a start code. */
  static String filler(int seed, int count) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < count; i++) {
      hex.append(String.format(java.util.Locale.ROOT, "%02x", 0x10 + (seed * 31 + i * 7) % 0xE0));
    }
    return hex.toString();
  }
}
