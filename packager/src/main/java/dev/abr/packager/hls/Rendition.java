package dev.abr.packager.hls;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code EXT-X-MEDIA} tag of a multivariant playlist (RFC 8216 §4.3.4.1): an alternative
 * rendition that variants pick by group.
 *
 * @param type what the rendition carries
 * @param groupId the group it belongs to; variants name it in {@code AUDIO}
 * @param name a human-readable name, unique within the group
 * @param language an RFC 5646 language tag, if known
 * @param isDefault whether players choose it when the user has expressed no preference
 * @param autoselect whether players may choose it without an explicit user choice; must be true
 *     when {@code isDefault} is
 * @param channelCount the number of audio channels, written as {@code CHANNELS}, if known
 * @param uri the URI of its media playlist, relative to the multivariant playlist; empty when the
 *     rendition is carried in the variant streams themselves
 */
public record Rendition(
    RenditionType type,
    String groupId,
    String name,
    Optional<String> language,
    boolean isDefault,
    boolean autoselect,
    OptionalInt channelCount,
    Optional<String> uri) {
  public Rendition {
    HlsText.quotedString("GROUP-ID", groupId);
    HlsText.quotedString("NAME", name);
    language.ifPresent(value -> HlsText.quotedString("LANGUAGE", value));
    uri.ifPresent(value -> HlsText.uriLine("URI of rendition " + name, value));
    // RFC 8216 §4.3.4.1: AUTOSELECT MUST be YES if DEFAULT is YES.
    if (isDefault && !autoselect) {
      throw new IllegalArgumentException(
          "rendition " + name + " is DEFAULT, so it must also be AUTOSELECT");
    }
    if (channelCount.isPresent() && channelCount.getAsInt() <= 0) {
      throw new IllegalArgumentException(
          "rendition " + name + " has a non-positive channel count: " + channelCount.getAsInt());
    }
  }

  /**
   * Returns an audio rendition with its own media playlist, chosen by default and automatically.
   */
  public static Rendition defaultAudio(
      String groupId, String name, String language, int channelCount, String uri) {
    return new Rendition(
        RenditionType.AUDIO,
        groupId,
        name,
        Optional.of(language),
        /* isDefault= */ true,
        /* autoselect= */ true,
        OptionalInt.of(channelCount),
        Optional.of(uri));
  }
}
