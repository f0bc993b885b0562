package dev.abr.packager.hls;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A multivariant playlist (RFC 8216 §4.3.4, "master playlist" in RFC 8216): the ladder's variants
 * and the alternative renditions they refer to. Written by {@link HlsWriter#write(
 * MultivariantPlaylist)} in list order.
 *
 * @param version the {@code EXT-X-VERSION}, at least 1
 * @param variants the variant streams, at least one, in the order players list them
 * @param renditions the {@code EXT-X-MEDIA} renditions; may be empty
 * @param independentSegments whether to write {@code EXT-X-INDEPENDENT-SEGMENTS}: every segment of
 *     every media playlist starts with a key frame
 */
public record MultivariantPlaylist(
    int version,
    List<VariantStream> variants,
    List<Rendition> renditions,
    boolean independentSegments) {
  public MultivariantPlaylist {
    variants = List.copyOf(variants);
    renditions = List.copyOf(renditions);
    if (version < 1) {
      throw new IllegalArgumentException("EXT-X-VERSION must be at least 1: " + version);
    }
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a multivariant playlist needs at least one variant");
    }
    checkGroups(renditions);
    Set<String> audioGroups = new HashSet<>();
    for (Rendition rendition : renditions) {
      if (rendition.type() == RenditionType.AUDIO) {
        audioGroups.add(rendition.groupId());
      }
    }
    long closedCaptionsNone = variants.stream().filter(VariantStream::closedCaptionsNone).count();
    // RFC 8216 §4.3.4.2: if one EXT-X-STREAM-INF has CLOSED-CAPTIONS=NONE, all of them MUST.
    if (closedCaptionsNone != 0 && closedCaptionsNone != variants.size()) {
      throw new IllegalArgumentException(
          "CLOSED-CAPTIONS=NONE is set on "
              + closedCaptionsNone
              + " of "
              + variants.size()
              + " variants; set it on all or none");
    }
    for (VariantStream variant : variants) {
      // RFC 8216 §4.3.4.2: AUDIO MUST match the GROUP-ID of an EXT-X-MEDIA tag with TYPE=AUDIO.
      variant
          .audioGroupId()
          .filter(group -> !audioGroups.contains(group))
          .ifPresent(
              group -> {
                throw new IllegalArgumentException(
                    "variant "
                        + variant.uri()
                        + " refers to audio group \""
                        + group
                        + "\" but no audio rendition has that GROUP-ID");
              });
    }
  }

  private static void checkGroups(List<Rendition> renditions) {
    Map<String, Set<String>> namesByGroup = new HashMap<>();
    Map<String, Integer> defaultsByGroup = new HashMap<>();
    for (Rendition rendition : renditions) {
      String group = rendition.type() + " " + rendition.groupId();
      // RFC 8216 §4.3.4.1.1: renditions of one group MUST have different NAMEs and at most one
      // of them MAY be DEFAULT=YES.
      if (!namesByGroup.computeIfAbsent(group, g -> new HashSet<>()).add(rendition.name())) {
        throw new IllegalArgumentException(
            "group " + rendition.groupId() + " has two renditions named " + rendition.name());
      }
      if (rendition.isDefault() && defaultsByGroup.merge(group, 1, Integer::sum) > 1) {
        throw new IllegalArgumentException(
            "group " + rendition.groupId() + " has more than one DEFAULT rendition");
      }
    }
  }
}
