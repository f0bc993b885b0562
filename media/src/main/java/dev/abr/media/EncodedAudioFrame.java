package dev.abr.media;

/**
 * One AAC frame of a continuously encoded audio track: frame {@code index} holds output samples
 * {@code [index * 1024, (index + 1) * 1024)} counted from the stream's zero.
 *
 * @param index frame number from 0
 * @param data the raw AAC frame (no ADTS header)
 */
public record EncodedAudioFrame(long index, byte[] data) {}
