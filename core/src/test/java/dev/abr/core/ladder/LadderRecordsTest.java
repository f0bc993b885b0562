package dev.abr.core.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.Rational;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule of the ladder records' compact constructors, one case each, message checked. */
class LadderRecordsTest {
  private static final VideoRung RUNG =
      new VideoRung("720p", 720, 3_000_000, 3_210_000, 4_500_000, "high");
  private static final VideoLadder VIDEO = new VideoLadder("h264", "veryfast", List.of(RUNG));

  private static Ladder ladder(String name, String gopDuration, String maxFrameRate) {
    return new Ladder(
        name, Rational.parse(gopDuration), Rational.parse(maxFrameRate), VIDEO, Optional.empty());
  }

  private static VideoRung rung(String name, int height, long bitrate, long maxrate, long buffer) {
    return new VideoRung(name, height, bitrate, maxrate, buffer, "main");
  }

  @Test
  void ladder_invalidName_isRejected() {
    assertThatThrownBy(() -> ladder("my ladder", "2", "60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ladder name \"my ladder\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void ladder_gopDurationBelowHalfSecond_isRejected() {
    assertThatThrownBy(() -> ladder("x", "0.4", "60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gopDuration 2/5 s must be from 0.5 to 20");
  }

  @Test
  void ladder_gopDurationAbove20Seconds_isRejected() {
    assertThatThrownBy(() -> ladder("x", "20.5", "60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gopDuration 41/2 s must be from 0.5 to 20");
  }

  @Test
  void ladder_gopDurationAtBounds_isAccepted() {
    assertThat(ladder("x", "0.5", "60").gopDuration()).isEqualTo(Rational.of(1, 2));
    assertThat(ladder("x", "20", "60").gopDuration()).isEqualTo(Rational.of(20));
  }

  @Test
  void ladder_maxFrameRateBelowOne_isRejected() {
    assertThatThrownBy(() -> ladder("x", "2", "1/2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFrameRate 1/2 must be from 1 to 120");
  }

  @Test
  void ladder_maxFrameRateAbove120_isRejected() {
    assertThatThrownBy(() -> ladder("x", "2", "240"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFrameRate 240 must be from 1 to 120");
  }

  @Test
  void videoLadder_codecOtherThanH264_isRejected() {
    assertThatThrownBy(() -> new VideoLadder("h265", "veryfast", List.of(RUNG)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("video codec \"h265\" is not supported (use h264)");
  }

  @Test
  void videoLadder_unknownPreset_isRejected() {
    assertThatThrownBy(() -> new VideoLadder("h264", "quick", List.of(RUNG)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown x264 preset \"quick\" (use one of ");
  }

  @Test
  void videoLadder_noRungs_isRejected() {
    assertThatThrownBy(() -> new VideoLadder("h264", "veryfast", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a video ladder needs at least one rung");
  }

  @Test
  void videoLadder_duplicateRungName_isRejected() {
    assertThatThrownBy(() -> new VideoLadder("h264", "veryfast", List.of(RUNG, RUNG)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung name \"720p\" is used twice or reserved");
  }

  @Test
  void videoLadder_rungNamedAudio_isRejected() {
    VideoRung audio = rung("audio", 360, 700_000, 749_000, 1_050_000);

    assertThatThrownBy(() -> new VideoLadder("h264", "veryfast", List.of(audio)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung name \"audio\" is used twice or reserved");
  }

  @Test
  void videoLadder_rungsList_isCopied() {
    List<VideoRung> rungs = new ArrayList<>(List.of(RUNG));
    VideoLadder video = new VideoLadder("h264", "veryfast", rungs);

    rungs.clear();

    assertThat(video.rungs()).containsExactly(RUNG);
  }

  @Test
  void videoRung_invalidName_isRejected() {
    assertThatThrownBy(() -> rung("720p/../x", 720, 3_000_000, 3_210_000, 4_500_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rendition name \"720p/../x\" is not allowed: use 1 to 64 of A-Z a-z 0-9 _ -");
  }

  @Test
  void videoRung_heightBelow16_isRejected() {
    assertThatThrownBy(() -> rung("tiny", 8, 100_000, 100_000, 100_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung tiny: height 8 must be an even number from 16 to 4320");
  }

  @Test
  void videoRung_heightAbove4320_isRejected() {
    assertThatThrownBy(() -> rung("huge", 4322, 100_000, 100_000, 100_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung huge: height 4322 must be an even number from 16 to 4320");
  }

  @Test
  void videoRung_oddHeight_isRejected() {
    assertThatThrownBy(() -> rung("odd", 721, 100_000, 100_000, 100_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung odd: height 721 must be an even number from 16 to 4320");
  }

  @Test
  void videoRung_bitrateBelow16000_isRejected() {
    assertThatThrownBy(() -> rung("low", 360, 8_000, 8_000, 8_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung low: bitrate 8000 bit/s is below 16000");
  }

  @Test
  void videoRung_maxrateBelowBitrate_isRejected() {
    assertThatThrownBy(() -> rung("360p", 360, 700_000, 600_000, 1_050_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung 360p: maxrate 600000 is below its bitrate 700000");
  }

  @Test
  void videoRung_zeroBufferSize_isRejected() {
    assertThatThrownBy(() -> rung("360p", 360, 700_000, 749_000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung 360p: bufferSize must be positive");
  }

  @Test
  void videoRung_unknownProfile_isRejected() {
    assertThatThrownBy(() -> new VideoRung("360p", 360, 700_000, 749_000, 1_050_000, "high10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rung 360p: unknown profile \"high10\" (use high, main or baseline)");
  }

  @Test
  void audioSettings_codecOtherThanAac_isRejected() {
    assertThatThrownBy(() -> new AudioSettings("opus", 128_000, 2, 48_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio codec \"opus\" is not supported (use aac)");
  }

  @Test
  void audioSettings_bitrateBelow16000_isRejected() {
    assertThatThrownBy(() -> new AudioSettings("aac", 8_000, 2, 48_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio bitrate 8000 bit/s must be from 16000 to 512000");
  }

  @Test
  void audioSettings_bitrateAbove512000_isRejected() {
    assertThatThrownBy(() -> new AudioSettings("aac", 640_000, 2, 48_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio bitrate 640000 bit/s must be from 16000 to 512000");
  }

  @Test
  void audioSettings_sixChannels_isRejected() {
    assertThatThrownBy(() -> new AudioSettings("aac", 128_000, 6, 48_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio channels 6 must be 1 or 2");
  }

  @Test
  void audioSettings_sampleRate32k_isRejected() {
    assertThatThrownBy(() -> new AudioSettings("aac", 128_000, 2, 32_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio sample rate 32000 must be 44100 or 48000");
  }
}
