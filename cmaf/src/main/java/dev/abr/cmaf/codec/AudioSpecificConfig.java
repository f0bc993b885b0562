package dev.abr.cmaf.codec;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * An MPEG-4 Audio AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1), the decoder configuration of an
 * AAC track ({@code 11 90} for 48 kHz stereo AAC-LC). The record holds the bytes; the fields are
 * decoded from them, and the constructor rejects bytes whose header does not parse.
 *
 * @param bytes the configuration as carried in the {@code esds} DecoderSpecificInfo; stored as a
 *     read-only copy
 */
public record AudioSpecificConfig(ByteBuffer bytes) {
  /** §1.6.3.4 Table 1.18: sampling frequencies of samplingFrequencyIndex 0..12. */
  private static final int[] SAMPLING_FREQUENCIES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };

  private static final int ESCAPE_FREQUENCY_INDEX = 0xF;
  private static final int ESCAPE_OBJECT_TYPE = 31;

  /** Object type 5: SBR (HE-AAC), signalled explicitly. */
  private static final int SBR = 5;

  /** Object type 29: PS (HE-AAC v2), signalled explicitly. */
  private static final int PS = 29;

  /**
   * Channel counts of channelConfiguration 0..14 (§1.6.3.5 Table 1.19, as extended by ISO/IEC
   * 23001-8); 0: none.
   */
  private static final int[] CHANNEL_COUNTS = {0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 24, 8};

  private record Header(
      int audioObjectType,
      int samplingFrequency,
      int channelConfiguration,
      OptionalInt extensionSamplingFrequency) {}

  public AudioSpecificConfig {
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    bytes = ByteBuffer.wrap(copy).asReadOnlyBuffer();
    decode(bytes);
  }

  /**
   * Parses {@code bytes}.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the header does not parse
   */
  public static AudioSpecificConfig parse(ByteBuffer bytes) {
    return new AudioSpecificConfig(bytes);
  }

  /** Returns a read-only view of the bytes. */
  @Override
  public ByteBuffer bytes() {
    return bytes.duplicate();
  }

  /** The signalled audio object type (2: AAC-LC, 5: SBR, 29: PS), escape values resolved. */
  public int audioObjectType() {
    return decode(bytes).audioObjectType();
  }

  /**
   * The sampling frequency in Hz of the core decoder, from the table or the explicit 24-bit value.
   */
  public int samplingFrequency() {
    return decode(bytes).samplingFrequency();
  }

  /**
   * The output sampling frequency in Hz when SBR is signalled explicitly (object type 5 or 29);
   * empty otherwise.
   */
  public OptionalInt extensionSamplingFrequency() {
    return decode(bytes).extensionSamplingFrequency();
  }

  /** {@code channelConfiguration}, 0..15; 0 means the layout is in a program config element. */
  public int channelConfiguration() {
    return decode(bytes).channelConfiguration();
  }

  /**
   * The number of channels of the channel configuration, or empty when it is 0 (defined by a
   * program config element) or reserved.
   */
  public OptionalInt channelCount() {
    int configuration = channelConfiguration();
    int count = configuration < CHANNEL_COUNTS.length ? CHANNEL_COUNTS[configuration] : 0;
    return count == 0 ? OptionalInt.empty() : OptionalInt.of(count);
  }

  /**
   * Returns the RFC 6381 §3.3 {@code codecs} value: {@code mp4a.40.} followed by the audio object
   * type in decimal, for example {@code mp4a.40.2} for AAC-LC.
   */
  public String codecs() {
    return "mp4a.40." + audioObjectType();
  }

  private static Header decode(ByteBuffer bytes) {
    byte[] array = new byte[bytes.remaining()];
    bytes.duplicate().get(array);
    BitReader in = new BitReader(array, "AudioSpecificConfig");
    int objectType = readObjectType(in);
    int frequency = readSamplingFrequency(in);
    int channels = (int) in.readBits(4);
    OptionalInt extensionFrequency = OptionalInt.empty();
    if (objectType == SBR || objectType == PS) {
      // §1.6.2.1: explicit hierarchical signalling; the underlying object type follows.
      extensionFrequency = OptionalInt.of(readSamplingFrequency(in));
      readObjectType(in);
    }
    return new Header(objectType, frequency, channels, extensionFrequency);
  }

  /** §1.6.2.1 GetAudioObjectType(): 5 bits, 31 escapes to 32 + 6 more bits. */
  private static int readObjectType(BitReader in) {
    int objectType = (int) in.readBits(5);
    if (objectType == ESCAPE_OBJECT_TYPE) {
      objectType = 32 + (int) in.readBits(6);
    }
    if (objectType == 0) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE, "AudioSpecificConfig: audio object type 0 is not valid");
    }
    return objectType;
  }

  private static int readSamplingFrequency(BitReader in) {
    int index = (int) in.readBits(4);
    if (index == ESCAPE_FREQUENCY_INDEX) {
      int frequency = (int) in.readBits(24);
      if (frequency == 0) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE, "AudioSpecificConfig: sampling frequency 0");
      }
      return frequency;
    }
    if (index >= SAMPLING_FREQUENCIES.length) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "AudioSpecificConfig: samplingFrequencyIndex " + index + " is reserved");
    }
    return SAMPLING_FREQUENCIES[index];
  }
}
