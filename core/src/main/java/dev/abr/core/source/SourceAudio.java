package dev.abr.core.source;

/**
 * What probing found about a source's audio stream.
 *
 * @param codec FFmpeg codec name, for example {@code aac}
 * @param sampleRate samples per second
 * @param channels channel count
 */
public record SourceAudio(String codec, int sampleRate, int channels) {}
