package dev.abr.packager.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypesTest {
  @Test
  void of_segmentInAudioFolder_isAudioMp4() {
    assertThat(ContentTypes.of("out/s1/audio_en/7.m4s")).isEqualTo("audio/mp4");
  }

  @Test
  void of_initInVideoFolderUnderAudioNamedParent_isVideoMp4() {
    assertThat(ContentTypes.of("audio/720p/init.mp4")).isEqualTo("video/mp4");
  }

  @Test
  void of_rootMp4_isVideoMp4() {
    assertThat(ContentTypes.of("init.mp4")).isEqualTo("video/mp4");
  }

  @Test
  void of_unknownExtension_isOctetStream() {
    assertThat(ContentTypes.of("720p/data.bin")).isEqualTo("application/octet-stream");
  }

  @Test
  void of_json_isApplicationJson() {
    assertThat(ContentTypes.of("status.json")).isEqualTo("application/json");
  }
}
