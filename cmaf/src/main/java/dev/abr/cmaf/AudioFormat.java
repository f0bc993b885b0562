package dev.abr.cmaf;

import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.TrackKind;

/**
 * An AAC audio track ({@code mp4a}): samples are raw AAC frames (no ADTS header).
 *
 * @param sampleRate output samples per second, positive
 * @param channelCount output channels, positive
 * @param config the AudioSpecificConfig
 */
public record AudioFormat(int sampleRate, int channelCount, AudioSpecificConfig config)
    implements CodecFormat {
  public AudioFormat {
    if (sampleRate <= 0 || channelCount <= 0 || channelCount > 0xFFFF) {
      throw new IllegalArgumentException(
          "sample rate and channel count must be positive: " + sampleRate + ", " + channelCount);
    }
  }

  /**
   * Returns the format described by {@code config}: its (SBR extension or core) sampling frequency
   * and the channel count of its channel configuration.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} if the channel layout is
   *     only given by a program config element (channelConfiguration 0) or is reserved
   */
  public static AudioFormat of(AudioSpecificConfig config) {
    int channels =
        config
            .channelCount()
            .orElseThrow(
                () ->
                    new PipelineException(
                        ErrorCode.INPUT_UNSUPPORTED_FORMAT,
                        "AAC channelConfiguration "
                            + config.channelConfiguration()
                            + " gives no channel count; give it explicitly"));
    int rate = config.extensionSamplingFrequency().orElse(config.samplingFrequency());
    return new AudioFormat(rate, channels, config);
  }

  @Override
  public TrackKind kind() {
    return TrackKind.AUDIO;
  }

  @Override
  public String codecs() {
    return config.codecs();
  }
}
