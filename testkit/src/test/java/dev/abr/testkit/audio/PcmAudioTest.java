package dev.abr.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PcmAudio}: raw f32le, WAV and concatenation. */
class PcmAudioTest {
  @TempDir Path dir;

  @Test
  void fromF32le_interleavedStereo_splitsTheChannels() {
    byte[] bytes = f32le(0.5f, -0.5f, 0.25f, -0.25f, 1f, -1f);

    PcmAudio audio = PcmAudio.fromF32le(bytes, 48_000, 2);

    assertThat(List.of(audio.channel(0), audio.channel(1)))
        .containsExactly(new float[] {0.5f, 0.25f, 1f}, new float[] {-0.5f, -0.25f, -1f});
  }

  @Test
  void fromF32le_partialSampleFrame_throws() {
    byte[] bytes = f32le(0.5f, -0.5f, 0.25f);

    assertThatThrownBy(() -> PcmAudio.fromF32le(bytes, 48_000, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12 bytes are not a whole number of 2-channel f32le sample frames");
  }

  @Test
  void readF32le_file_readsTheSamples() throws IOException {
    Path file = dir.resolve("tone.f32");
    Files.write(file, f32le(0.5f, -0.5f));

    PcmAudio audio = PcmAudio.readF32le(file, 44_100, 1);

    assertThat(audio).isEqualTo(PcmAudio.of(44_100, new float[] {0.5f, -0.5f}));
  }

  @Test
  void readWav_float32Stereo_readsRateAndSamples() throws IOException {
    Path file = dir.resolve("float.wav");
    Files.write(file, wav(3, 2, 48_000, 32, f32le(0.5f, -0.5f, 0.25f, -0.25f), false));

    PcmAudio audio = PcmAudio.readWav(file);

    assertThat(audio)
        .isEqualTo(PcmAudio.of(48_000, new float[] {0.5f, 0.25f}, new float[] {-0.5f, -0.25f}));
  }

  @Test
  void readWav_pcm16_scalesToFullScale() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 16_384).putShort(Short.MIN_VALUE);
    Path file = dir.resolve("pcm16.wav");
    Files.write(file, wav(1, 1, 8_000, 16, data.array(), false));

    PcmAudio audio = PcmAudio.readWav(file);

    assertThat(audio.channel(0)).containsExactly(0.5f, -1f);
  }

  @Test
  void readWav_pcm24_scalesToFullScale() throws IOException {
    byte[] data = {0, 0, 0x40, 0, 0, (byte) 0x80}; // 0x400000 = 0.5, 0x800000 = -1
    Path file = dir.resolve("pcm24.wav");
    Files.write(file, wav(1, 1, 8_000, 24, data, false));

    PcmAudio audio = PcmAudio.readWav(file);

    assertThat(audio.channel(0)).containsExactly(0.5f, -1f);
  }

  @Test
  void readWav_extensibleFloat_readsTheSubFormat() throws IOException {
    Path file = dir.resolve("extensible.wav");
    Files.write(file, wav(0xFFFE, 1, 48_000, 32, f32le(0.75f), false));

    PcmAudio audio = PcmAudio.readWav(file);

    assertThat(audio.channel(0)).containsExactly(0.75f);
  }

  @Test
  void readWav_streamedDataSize_readsToTheEnd() throws IOException {
    Path file = dir.resolve("streamed.wav");
    Files.write(file, wav(3, 1, 48_000, 32, f32le(0.5f, 0.25f), true));

    PcmAudio audio = PcmAudio.readWav(file);

    assertThat(audio.channel(0)).containsExactly(0.5f, 0.25f);
  }

  @Test
  void readWav_truncatedHeader_throwsInputUnreadable() throws IOException {
    byte[] whole = wav(3, 1, 48_000, 32, f32le(0.5f), false);
    Path file = dir.resolve("truncated.wav");
    Files.write(file, Arrays.copyOf(whole, 30));

    assertThatThrownBy(() -> PcmAudio.readWav(file))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE));
  }

  @Test
  void readWav_everyTruncation_throwsInputUnreadableOrReadsWholeFrames() throws IOException {
    byte[] whole = wav(3, 1, 48_000, 32, f32le(0.5f, 0.25f), false);
    for (int length = 0; length < whole.length; length++) {
      Path file = dir.resolve("cut-" + length + ".wav");
      Files.write(file, Arrays.copyOf(whole, length));
      try {
        assertThat(PcmAudio.readWav(file).sampleCount()).isLessThan(2);
      } catch (PipelineException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE);
      }
    }
  }

  @Test
  void readWav_adpcm_throwsUnsupportedFormat() throws IOException {
    Path file = dir.resolve("adpcm.wav");
    Files.write(file, wav(2, 1, 8_000, 4, new byte[4], false));

    assertThatThrownBy(() -> PcmAudio.readWav(file))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_UNSUPPORTED_FORMAT));
  }

  @Test
  void readWav_notRiff_throwsInputUnreadable() throws IOException {
    Path file = dir.resolve("text.wav");
    Files.writeString(file, "this is not a wave file at all");

    assertThatThrownBy(() -> PcmAudio.readWav(file))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("does not start with RIFF");
  }

  @Test
  void concatenate_twoParts_playsThemBackToBack() {
    PcmAudio first = PcmAudio.of(48_000, new float[] {1, 2}, new float[] {-1, -2});
    PcmAudio second = PcmAudio.of(48_000, new float[] {3}, new float[] {-3});

    PcmAudio joined = PcmAudio.concatenate(List.of(first, second));

    assertThat(joined)
        .isEqualTo(PcmAudio.of(48_000, new float[] {1, 2, 3}, new float[] {-1, -2, -3}));
  }

  @Test
  void concatenate_differentSampleRates_throws() {
    PcmAudio first = PcmAudio.of(48_000, new float[] {1});
    PcmAudio second = PcmAudio.of(44_100, new float[] {1});

    assertThatThrownBy(() -> PcmAudio.concatenate(List.of(first, second)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_channelsOfDifferentLengths_throws() {
    assertThatThrownBy(() -> PcmAudio.of(48_000, new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channels differ in length");
  }

  @Test
  void channel_returnsACopy() {
    PcmAudio audio = PcmAudio.of(48_000, new float[] {0.5f});

    audio.channel(0)[0] = 0;

    assertThat(audio.channel(0)).containsExactly(0.5f);
  }

  private static byte[] f32le(float... samples) {
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float sample : samples) {
      bytes.putFloat(sample);
    }
    return bytes.array();
  }

  /** A WAV file; {@code tag} 0xFFFE writes WAVE_FORMAT_EXTENSIBLE with the float sub-format. */
  private static byte[] wav(
      int tag, int channels, int sampleRate, int bits, byte[] data, boolean streamed) {
    boolean extensible = tag == 0xFFFE;
    int fmtSize = extensible ? 40 : 16;
    ByteBuffer out =
        ByteBuffer.allocate(12 + 8 + fmtSize + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(streamed ? -1 : out.capacity() - 8);
    out.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    out.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize);
    int blockAlign = channels * bits / 8;
    out.putShort((short) tag).putShort((short) channels).putInt(sampleRate);
    out.putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    if (extensible) {
      out.putShort((short) 22).putShort((short) bits).putInt(0);
      out.putShort((short) 3).put(new byte[14]); // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT's first field
    }
    out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(streamed ? -1 : data.length);
    out.put(data);
    return out.array();
  }
}
