package dev.abr.media;

import dev.abr.core.plan.VideoRendition;
import java.util.List;

/**
 * One rendition's encoded frames of one chunk, in decode order.
 *
 * @param rendition what was encoded
 * @param extradata the encoder's global header: Annex B SPS and PPS
 * @param frames access units in decode order
 */
public record EncodedTrack(
    VideoRendition rendition, byte[] extradata, List<EncodedVideoFrame> frames) {
  public EncodedTrack {
    frames = List.copyOf(frames);
  }
}
