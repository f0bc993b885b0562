package dev.abr.cmaf.codec;

import static dev.abr.cmaf.codec.RealH264.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AudioSpecificConfigTest {
  @Test
  void codecs_aacLc_isMp4a402() {
    assertThat(AudioSpecificConfig.parse(bytes("1190")).codecs()).isEqualTo("mp4a.40.2");
  }

  @Test
  void parse_aacLc48kStereo_decodesObjectTypeFrequencyAndChannels() {
    AudioSpecificConfig config = AudioSpecificConfig.parse(bytes("1190"));

    assertThat(config.audioObjectType()).isEqualTo(2);
    assertThat(config.samplingFrequency()).isEqualTo(48_000);
    assertThat(config.channelConfiguration()).isEqualTo(2);
    assertThat(config.channelCount()).hasValue(2);
    assertThat(config.extensionSamplingFrequency()).isEmpty();
  }

  @Test
  void parse_explicitFrequency_readsTheTwentyFourBitValue() {
    // object type 2, index 15 (escape), 44100 in 24 bits, channel configuration 2
    AudioSpecificConfig config = AudioSpecificConfig.parse(bytes("1780562210"));

    assertThat(config.samplingFrequency()).isEqualTo(44_100);
    assertThat(config.channelConfiguration()).isEqualTo(2);
  }

  @Test
  void parse_escapedObjectType_addsThirtyTwo() {
    // object type 31 (escape) + 10 = 42 (USAC), 48 kHz, stereo
    AudioSpecificConfig config = AudioSpecificConfig.parse(bytes("f94640"));

    assertThat(config.audioObjectType()).isEqualTo(42);
    assertThat(config.codecs()).isEqualTo("mp4a.40.42");
  }

  @Test
  void parse_explicitSbr_returnsObjectType5AndTheExtensionFrequency() {
    // object type 5, 24 kHz core, stereo, 48 kHz extension, underlying object type 2
    AudioSpecificConfig config = AudioSpecificConfig.parse(bytes("2b1188"));

    assertThat(config.codecs()).isEqualTo("mp4a.40.5");
    assertThat(config.samplingFrequency()).isEqualTo(24_000);
    assertThat(config.extensionSamplingFrequency()).isEqualTo(OptionalInt.of(48_000));
  }

  @Test
  void channelCount_configuration7_isEight() {
    assertThat(AudioSpecificConfig.parse(bytes("11b8")).channelCount()).hasValue(8);
  }

  @Test
  void channelCount_programConfigElement_isEmpty() {
    assertThat(AudioSpecificConfig.parse(bytes("1180")).channelCount()).isEmpty();
  }

  @Test
  void parse_reservedFrequencyIndex_throwsInputUnreadable() {
    assertThatThrownBy(() -> AudioSpecificConfig.parse(bytes("1690")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("samplingFrequencyIndex 13 is reserved");
  }

  @Test
  void parse_oneByte_throwsInputUnreadable() {
    assertThatThrownBy(() -> AudioSpecificConfig.parse(bytes("11")))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }
}
