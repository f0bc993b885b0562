package dev.abr.testkit.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decoded audio: one array of float samples per channel (full scale ±1.0) at one sample rate.
 *
 * <p>Immutable: factories copy their input and {@link #channel(int)} returns a copy. Sample
 * positions are sample indices, i.e. ticks at {@link #sampleRate()}. Safe to share between threads.
 */
public final class PcmAudio {
  private final int sampleRate;
  private final float[][] channels;

  private PcmAudio(int sampleRate, float[][] channels) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (channels.length == 0) {
      throw new IllegalArgumentException("audio needs at least one channel");
    }
    for (float[] channel : channels) {
      if (channel.length != channels[0].length) {
        throw new IllegalArgumentException(
            "channels differ in length: " + channel.length + " and " + channels[0].length);
      }
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
  }

  /**
   * Returns audio holding copies of {@code channels}, one array per channel, all the same length.
   *
   * @throws IllegalArgumentException if the rate is not positive, there is no channel or the
   *     channels differ in length
   */
  public static PcmAudio of(int sampleRate, float[]... channels) {
    float[][] copies = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      copies[c] = channels[c].clone();
    }
    return new PcmAudio(sampleRate, copies);
  }

  /** Audio over {@code channels} without copying them: the caller hands them over. */
  static PcmAudio wrapping(int sampleRate, float[][] channels) {
    return new PcmAudio(sampleRate, channels);
  }

  /**
   * Returns the audio in {@code bytes}: interleaved 32-bit IEEE float samples, little-endian, as
   * {@code ffmpeg -f f32le} writes them.
   *
   * @throws IllegalArgumentException if the length is not a whole number of sample frames
   */
  public static PcmAudio fromF32le(byte[] bytes, int sampleRate, int channelCount) {
    if (channelCount <= 0) {
      throw new IllegalArgumentException("channel count must be positive: " + channelCount);
    }
    int frameBytes = Float.BYTES * channelCount;
    if (bytes.length % frameBytes != 0) {
      throw new IllegalArgumentException(
          bytes.length
              + " bytes are not a whole number of "
              + channelCount
              + "-channel f32le sample frames ("
              + frameBytes
              + " bytes each)");
    }
    FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    return new PcmAudio(sampleRate, deinterleave(floats, channelCount));
  }

  /**
   * Reads a raw interleaved little-endian 32-bit float file ({@code ffmpeg -f f32le out.raw}).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if its length is not a whole number of sample frames
   */
  public static PcmAudio readF32le(Path file, int sampleRate, int channelCount) throws IOException {
    return fromF32le(Files.readAllBytes(file), sampleRate, channelCount);
  }

  /**
   * Reads a WAV file holding 16-, 24- or 32-bit integer PCM or 32-bit float samples (format tags 1,
   * 3 and their {@code WAVE_FORMAT_EXTENSIBLE} forms). A {@code data} chunk whose size runs past
   * the end of the file, as FFmpeg writes when its output is not seekable, is read to the end.
   *
   * @throws IOException if the file cannot be read
   * @throws dev.abr.core.error.PipelineException with {@code INPUT_UNREADABLE} if it is not a
   *     well-formed WAV file, or {@code INPUT_UNSUPPORTED_FORMAT} for other sample formats
   */
  public static PcmAudio readWav(Path file) throws IOException {
    return WavReader.read(ByteBuffer.wrap(Files.readAllBytes(file)));
  }

  /**
   * Returns the audio of {@code parts} played back to back, as a player would decode separately
   * encoded chunks in sequence.
   *
   * @throws IllegalArgumentException if {@code parts} is empty or the parts differ in sample rate
   *     or channel count
   */
  public static PcmAudio concatenate(List<PcmAudio> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    PcmAudio first = parts.get(0);
    long total = 0;
    for (PcmAudio part : parts) {
      if (part.sampleRate != first.sampleRate || part.channelCount() != first.channelCount()) {
        throw new IllegalArgumentException(
            "cannot concatenate "
                + part.channelCount()
                + " channels at "
                + part.sampleRate
                + " Hz to "
                + first.channelCount()
                + " channels at "
                + first.sampleRate
                + " Hz");
      }
      total += part.sampleCount();
    }
    float[][] joined = new float[first.channelCount()][Math.toIntExact(total)];
    int position = 0;
    for (PcmAudio part : parts) {
      for (int c = 0; c < joined.length; c++) {
        System.arraycopy(part.channels[c], 0, joined[c], position, part.sampleCount());
      }
      position += part.sampleCount();
    }
    return new PcmAudio(first.sampleRate, joined);
  }

  /** Returns the sample rate in samples per second per channel. */
  public int sampleRate() {
    return sampleRate;
  }

  /** Returns the number of channels (at least one). */
  public int channelCount() {
    return channels.length;
  }

  /** Returns the number of samples in each channel. */
  public int sampleCount() {
    return channels[0].length;
  }

  /**
   * Returns a copy of the samples of channel {@code index} (0 = left).
   *
   * @throws IndexOutOfBoundsException if there is no such channel
   */
  public float[] channel(int index) {
    return samples(index).clone();
  }

  /** The samples of a channel, not copied: callers in this package only read them. */
  float[] samples(int index) {
    if (index < 0 || index >= channels.length) {
      throw new IndexOutOfBoundsException(
          "channel " + index + " of audio with " + channels.length + " channel(s)");
    }
    return channels[index];
  }

  @Override
  public String toString() {
    return "PcmAudio[" + channels.length + " ch, " + sampleRate + " Hz, " + sampleCount() + "]";
  }

  private static float[][] deinterleave(FloatBuffer interleaved, int channelCount) {
    int frames = interleaved.remaining() / channelCount;
    float[][] channels = new float[channelCount][frames];
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channelCount; c++) {
        channels[c][i] = interleaved.get();
      }
    }
    return channels;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PcmAudio that
        && sampleRate == that.sampleRate
        && Arrays.deepEquals(channels, that.channels);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRate + Arrays.deepHashCode(channels);
  }
}
