package dev.abr.packager.hls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlaylistRecordsTest {
  private static final MediaSegment SEGMENT = MediaSegment.of(MediaTime.of(2, 1), "0.m4s");

  @Test
  void multivariantPlaylist_unknownAudioGroup_throws() {
    var variant =
        VariantStream.video(
            1_000_000,
            900_000,
            "avc1.64001f,mp4a.40.2",
            Resolution.of(1280, 720),
            Rational.of(30),
            "missing",
            "720p/playlist.m3u8");

    assertThatThrownBy(() -> new MultivariantPlaylist(6, List.of(variant), List.of(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"missing\"");
  }

  @Test
  void multivariantPlaylist_closedCaptionsNoneOnSomeVariants_throws() {
    var audio = Rendition.defaultAudio("audio", "English", "en", 2, "audio/playlist.m3u8");
    var withNone =
        VariantStream.video(
            1_000_000,
            900_000,
            "avc1.64001f,mp4a.40.2",
            Resolution.of(1280, 720),
            Rational.of(30),
            "audio",
            "720p/playlist.m3u8");
    var withoutNone = VariantStream.audioOnly(140_000, 128_000, "mp4a.40.2", "audio.m3u8");

    assertThatThrownBy(
            () -> new MultivariantPlaylist(6, List.of(withNone, withoutNone), List.of(audio), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CLOSED-CAPTIONS=NONE");
  }

  @Test
  void multivariantPlaylist_twoDefaultRenditionsInOneGroup_throws() {
    var english = Rendition.defaultAudio("audio", "English", "en", 2, "en/playlist.m3u8");
    var french = Rendition.defaultAudio("audio", "Français", "fr", 2, "fr/playlist.m3u8");
    var variant = VariantStream.audioOnly(140_000, 128_000, "mp4a.40.2", "en/playlist.m3u8");

    assertThatThrownBy(
            () -> new MultivariantPlaylist(6, List.of(variant), List.of(english, french), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one DEFAULT");
  }

  @Test
  void rendition_defaultWithoutAutoselect_throws() {
    assertThatThrownBy(
            () ->
                new Rendition(
                    RenditionType.AUDIO,
                    "audio",
                    "English",
                    Optional.of("en"),
                    /* isDefault= */ true,
                    /* autoselect= */ false,
                    OptionalInt.empty(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AUTOSELECT");
  }

  @Test
  void variantStream_codecsWithQuote_throws() {
    assertThatThrownBy(() -> VariantStream.audioOnly(1, 1, "mp4a\"", "a.m3u8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CODECS");
  }

  @Test
  void variantStream_averageAbovePeak_throws() {
    assertThatThrownBy(() -> VariantStream.audioOnly(100, 200, "mp4a.40.2", "a.m3u8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AVERAGE-BANDWIDTH");
  }

  @Test
  void mediaPlaylist_mapWithVersionBelowSix_throws() {
    assertThatThrownBy(
            () -> MediaPlaylist.builder().version(5).map("init.mp4").addSegment(SEGMENT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 6");
  }

  @Test
  void mediaPlaylist_vodWithoutEndList_throws() {
    assertThatThrownBy(
            () -> MediaPlaylist.builder().type(PlaylistType.VOD).addSegment(SEGMENT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EXT-X-ENDLIST");
  }

  @Test
  void mediaPlaylist_noSegments_throws() {
    assertThatThrownBy(() -> MediaPlaylist.builder().build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mediaPlaylist_byteRangeWithoutOffsetFirst_throws() {
    var segment = SEGMENT.withByteRange(new ByteRange(100, java.util.OptionalLong.empty()));

    assertThatThrownBy(() -> MediaPlaylist.builder().addSegment(segment).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without offset");
  }

  @Test
  void mediaSegment_zeroDuration_throws() {
    assertThatThrownBy(() -> MediaSegment.of(MediaTime.of(0, 90_000), "0.m4s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mediaSegment_uriStartingWithHash_throws() {
    assertThatThrownBy(() -> MediaSegment.of(MediaTime.of(1, 1), "#EXT-X-ENDLIST"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
