package dev.abr.media;

/**
 * One encoded video access unit, as the encoder produced it.
 *
 * @param data Annex B bytes (start codes), as libx264 emits them
 * @param frameIndex presentation position: the output grid frame index
 * @param keyFrame true for an IDR frame
 */
public record EncodedVideoFrame(byte[] data, long frameIndex, boolean keyFrame) {}
