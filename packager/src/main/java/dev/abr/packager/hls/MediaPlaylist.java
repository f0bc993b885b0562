package dev.abr.packager.hls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A media playlist (RFC 8216 §4.3.3): the segments of one rendition. VOD playlists are complete
 * ({@link PlaylistType#VOD} with {@code EXT-X-ENDLIST}); live playlists have no type, a sliding
 * window of segments and the sequence numbers of its first segment.
 *
 * @param version the {@code EXT-X-VERSION}: at least 3 (decimal {@code EXTINF}), 4 with byte
 *     ranges, 6 with {@code EXT-X-MAP} (RFC 8216 §7)
 * @param type VOD or EVENT; empty for a live sliding-window playlist
 * @param mediaSequence the media sequence number of the first segment, {@code EXT-X-MEDIA-SEQUENCE}
 * @param discontinuitySequence the discontinuity sequence number of the first segment, written as
 *     {@code EXT-X-DISCONTINUITY-SEQUENCE} when not zero
 * @param map the initialization section of every segment (fMP4); empty for self-initializing
 *     segments
 * @param independentSegments whether every segment starts with a key frame ({@code
 *     EXT-X-INDEPENDENT-SEGMENTS})
 * @param segments the segments, at least one, in playback order
 * @param endList whether no segment will ever be added ({@code EXT-X-ENDLIST})
 */
public record MediaPlaylist(
    int version,
    Optional<PlaylistType> type,
    long mediaSequence,
    long discontinuitySequence,
    Optional<MediaInitialization> map,
    boolean independentSegments,
    List<MediaSegment> segments,
    boolean endList) {
  public MediaPlaylist {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a media playlist needs at least one segment");
    }
    if (mediaSequence < 0 || discontinuitySequence < 0) {
      throw new IllegalArgumentException(
          "sequence numbers must not be negative: media "
              + mediaSequence
              + ", discontinuity "
              + discontinuitySequence);
    }
    boolean byteRanges = segments.stream().anyMatch(s -> s.byteRange().isPresent());
    // RFC 8216 §7: decimal EXTINF needs version 3, EXT-X-BYTERANGE 4, EXT-X-MAP without
    // EXT-X-I-FRAMES-ONLY 6.
    int required = map.isPresent() ? 6 : byteRanges ? 4 : 3;
    if (version < required) {
      throw new IllegalArgumentException(
          "EXT-X-VERSION "
              + version
              + " is too low for this playlist; it needs at least "
              + required);
    }
    // RFC 8216 §4.3.3.5: a VOD playlist cannot change, so it must already be complete.
    if (type.equals(Optional.of(PlaylistType.VOD)) && !endList) {
      throw new IllegalArgumentException("a VOD playlist must end with EXT-X-ENDLIST");
    }
    checkByteRanges(segments);
  }

  /** Returns a builder with version 6, no type, sequence numbers 0 and no segments. */
  public static Builder builder() {
    return new Builder();
  }

  private static void checkByteRanges(List<MediaSegment> segments) {
    for (int i = 0; i < segments.size(); i++) {
      MediaSegment segment = segments.get(i);
      if (segment.byteRange().isEmpty() || segment.byteRange().get().offsetBytes().isPresent()) {
        continue;
      }
      // RFC 8216 §4.3.2.2: without an offset, the previous segment MUST be a sub-range of the
      // same resource.
      boolean previousSameResource =
          i > 0
              && segments.get(i - 1).byteRange().isPresent()
              && segments.get(i - 1).uri().equals(segment.uri());
      if (!previousSameResource) {
        throw new IllegalArgumentException(
            "segment "
                + i
                + " ("
                + segment.uri()
                + ") has a byte range without offset but does not follow a sub-range of the"
                + " same resource");
      }
    }
  }

  /** Collects the fields of a {@link MediaPlaylist}; {@link #build()} validates them. */
  public static final class Builder {
    private int version = 6;
    private Optional<PlaylistType> type = Optional.empty();
    private long mediaSequence;
    private long discontinuitySequence;
    private Optional<MediaInitialization> map = Optional.empty();
    private boolean independentSegments;
    private final List<MediaSegment> segments = new ArrayList<>();
    private boolean endList;

    private Builder() {}

    /** Sets the {@code EXT-X-VERSION}. */
    public Builder version(int version) {
      this.version = version;
      return this;
    }

    /** Sets the playlist type. */
    public Builder type(PlaylistType type) {
      this.type = Optional.of(type);
      return this;
    }

    /** Sets the media sequence number of the first segment. */
    public Builder mediaSequence(long mediaSequence) {
      this.mediaSequence = mediaSequence;
      return this;
    }

    /** Sets the discontinuity sequence number of the first segment. */
    public Builder discontinuitySequence(long discontinuitySequence) {
      this.discontinuitySequence = discontinuitySequence;
      return this;
    }

    /** Sets the initialization section URI ({@code EXT-X-MAP}). */
    public Builder map(String uri) {
      this.map = Optional.of(MediaInitialization.of(uri));
      return this;
    }

    /** Sets whether every segment starts with a key frame. */
    public Builder independentSegments(boolean independentSegments) {
      this.independentSegments = independentSegments;
      return this;
    }

    /** Appends a segment. */
    public Builder addSegment(MediaSegment segment) {
      segments.add(segment);
      return this;
    }

    /** Appends segments. */
    public Builder addSegments(List<MediaSegment> segments) {
      this.segments.addAll(segments);
      return this;
    }

    /** Sets whether the playlist ends with {@code EXT-X-ENDLIST}. */
    public Builder endList(boolean endList) {
      this.endList = endList;
      return this;
    }

    /**
     * Returns the playlist.
     *
     * @throws IllegalArgumentException if the fields break a rule of {@link MediaPlaylist}
     */
    public MediaPlaylist build() {
      return new MediaPlaylist(
          version,
          type,
          mediaSequence,
          discontinuitySequence,
          map,
          independentSegments,
          segments,
          endList);
    }
  }
}
