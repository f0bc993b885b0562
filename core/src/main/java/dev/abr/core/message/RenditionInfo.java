package dev.abr.core.message;

import dev.abr.core.id.Ids;
import dev.abr.core.time.Rational;
import java.util.Optional;

/**
 * A rendition the packager must expect, with what manifests say about it.
 *
 * @param name rendition name, also its folder in the output
 * @param kind video or audio
 * @param timescale track timescale
 * @param bitrateBitsPerSecond target bit rate (manifests use measured rates)
 * @param width video width (0 for audio)
 * @param height video height (0 for audio)
 * @param frameRate video frame rate (empty for audio)
 * @param sampleRate audio sample rate (0 for video)
 * @param channels audio channels (0 for video)
 * @param language BCP 47 language of audio, if known
 */
public record RenditionInfo(
    String name,
    TrackKind kind,
    int timescale,
    long bitrateBitsPerSecond,
    int width,
    int height,
    Optional<Rational> frameRate,
    int sampleRate,
    int channels,
    Optional<String> language) {
  public RenditionInfo {
    Ids.check("rendition name", name);
  }
}
