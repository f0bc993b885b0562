package dev.abr.core.ladder;

/**
 * The audio rendition: AAC-LC encoded once, continuously, per stream.
 *
 * @param codec {@code aac} (AAC-LC)
 * @param bitrateBitsPerSecond target bit rate
 * @param channels output channels (1 or 2)
 * @param sampleRate output sample rate in Hz
 */
public record AudioSettings(String codec, long bitrateBitsPerSecond, int channels, int sampleRate) {
  public AudioSettings {
    if (!codec.equals("aac")) {
      throw new IllegalArgumentException(
          "audio codec \"" + codec + "\" is not supported (use aac)");
    }
    if (bitrateBitsPerSecond < 16_000 || bitrateBitsPerSecond > 512_000) {
      throw new IllegalArgumentException(
          "audio bitrate " + bitrateBitsPerSecond + " bit/s must be from 16000 to 512000");
    }
    if (channels < 1 || channels > 2) {
      throw new IllegalArgumentException("audio channels " + channels + " must be 1 or 2");
    }
    if (sampleRate != 44_100 && sampleRate != 48_000) {
      throw new IllegalArgumentException(
          "audio sample rate " + sampleRate + " must be 44100 or 48000");
    }
  }
}
