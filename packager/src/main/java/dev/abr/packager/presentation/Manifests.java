package dev.abr.packager.presentation;

import java.util.Map;

/**
 * The text of every manifest of a package.
 *
 * @param multivariantPlaylist HLS multivariant playlist ({@code main.m3u8})
 * @param mediaPlaylists HLS media playlist per rendition name ({@code {rendition}/playlist.m3u8})
 * @param mpd DASH MPD ({@code manifest.mpd})
 */
public record Manifests(
    String multivariantPlaylist, Map<String, String> mediaPlaylists, String mpd) {
  public Manifests {
    mediaPlaylists = Map.copyOf(mediaPlaylists);
  }
}
