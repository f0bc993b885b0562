package dev.abr.packager.presentation;

import dev.abr.core.message.RenditionInfo;

/**
 * A rendition of a live presentation: what it is and its codecs, known from its CMAF header before
 * its first segment is published.
 *
 * @param info what the rendition is; {@link RenditionInfo#bitrateBitsPerSecond()} is the declared
 *     rate live manifests advertise (see {@link LiveSettings#bandwidthHeadroom()})
 * @param codecs RFC 6381 codecs string read from its init segment, not blank
 */
public record LiveRendition(RenditionInfo info, String codecs) {
  public LiveRendition {
    if (codecs.isBlank()) {
      throw new IllegalArgumentException("rendition " + info.name() + " needs a codecs string");
    }
    if (info.bitrateBitsPerSecond() <= 0) {
      throw new IllegalArgumentException(
          "rendition "
              + info.name()
              + " needs a positive declared bit rate: "
              + info.bitrateBitsPerSecond());
    }
  }

  /** The rendition's name, also its folder in the output. */
  public String name() {
    return info.name();
  }

  /** Its track timescale. */
  public int timescale() {
    return info.timescale();
  }
}
