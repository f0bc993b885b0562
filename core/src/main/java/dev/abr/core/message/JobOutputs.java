package dev.abr.core.message;

/**
 * Where a completed job's manifests are, as keys in the output store.
 *
 * @param hls the HLS multivariant playlist
 * @param dash the DASH MPD
 */
public record JobOutputs(String hls, String dash) {}
