/**
 * HLS playlists (RFC 8216, names from RFC 8216bis): immutable records for the multivariant and
 * media playlists, and {@link dev.abr.packager.hls.HlsWriter}, which renders them as deterministic
 * text.
 */
@NullMarked
package dev.abr.packager.hls;

import org.jspecify.annotations.NullMarked;
