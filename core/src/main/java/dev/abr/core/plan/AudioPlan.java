package dev.abr.core.plan;

import dev.abr.core.id.Ids;

/**
 * How a stream's audio is encoded (once, continuously, by ingest).
 *
 * @param name rendition name, {@code audio}
 * @param codec {@code aac}
 * @param sampleRate output sample rate, also the track timescale
 * @param channels output channels
 * @param bitrateBitsPerSecond target bit rate
 */
public record AudioPlan(
    String name, String codec, int sampleRate, int channels, long bitrateBitsPerSecond) {
  public AudioPlan {
    Ids.check("rendition name", name);
  }
}
