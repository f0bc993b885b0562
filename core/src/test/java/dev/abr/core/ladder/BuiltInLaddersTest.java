package dev.abr.core.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.testing.ProjectFiles;
import dev.abr.core.time.Rational;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInLaddersTest {
  @ParameterizedTest
  @ValueSource(strings = {"default", "small"})
  void builtIn_resource_isIdenticalToSampleFile(String name) throws IOException {
    byte[] sample = Files.readAllBytes(ProjectFiles.resolve("samples/ladders/" + name + ".json"));
    byte[] resource;
    try (InputStream in = LadderDocuments.class.getResourceAsStream(name + ".json")) {
      assertThat(in).as("classpath /dev/abr/core/ladder/%s.json", name).isNotNull();
      resource = in.readAllBytes();
    }

    assertThat(resource)
        .as("core/src/main/resources/dev/abr/core/ladder/%s.json must equal samples/ladders", name)
        .isEqualTo(sample);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "small"})
  void builtIn_name_isTheLadderName(String name) {
    assertThat(LadderDocuments.builtIn(name).name()).isEqualTo(name);
  }

  @Test
  void builtInNames_listsDefaultAndSmall() {
    assertThat(LadderDocuments.builtInNames()).containsExactly("default", "small");
  }

  @Test
  void builtIn_default_isTheDocumentedProductionLadder() {
    Ladder expected =
        new Ladder(
            "default",
            Rational.of(2),
            Rational.of(60),
            new VideoLadder(
                "h264",
                "veryfast",
                List.of(
                    new VideoRung("1080p", 1080, 5_000_000, 5_350_000, 7_500_000, "high"),
                    new VideoRung("720p", 720, 3_000_000, 3_210_000, 4_500_000, "high"),
                    new VideoRung("480p", 480, 1_200_000, 1_284_000, 1_800_000, "main"),
                    new VideoRung("360p", 360, 700_000, 749_000, 1_050_000, "main"))),
            Optional.of(new AudioSettings("aac", 128_000, 2, 48_000)));

    assertThat(LadderDocuments.builtIn("default")).isEqualTo(expected);
  }

  @Test
  void builtIn_default_vbvIsAbout107PercentMaxrateAnd150PercentBuffer() {
    for (VideoRung rung : LadderDocuments.builtIn("default").video().rungs()) {
      assertThat(rung.maxrateBitsPerSecond() * 100).isEqualTo(rung.bitrateBitsPerSecond() * 107);
      assertThat(rung.bufferSizeBits() * 2).isEqualTo(rung.bitrateBitsPerSecond() * 3);
    }
  }

  @Test
  void builtIn_small_hasTwoFastRungs() {
    Ladder small = LadderDocuments.builtIn("small");

    assertThat(small.video().preset()).isIn("ultrafast", "superfast");
    assertThat(small.video().rungs())
        .extracting(VideoRung::name, VideoRung::bitrateBitsPerSecond)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("360p", 700_000L),
            org.assertj.core.groups.Tuple.tuple("240p", 300_000L));
  }

  @Test
  void builtIn_defaultAt1080p60_fitsLevel42() {
    // The worst case the ladder allows (maxFrameRate 60) still fits a common level at 16:9.
    int[] widths = {1920, 1280, 854, 640};
    List<VideoRung> rungs = LadderDocuments.builtIn("default").video().rungs();
    for (int i = 0; i < rungs.size(); i++) {
      VideoRung rung = rungs.get(i);
      H264Level level =
          H264Level.pick(
              H264Profile.parse(rung.profile()),
              widths[i],
              rung.height(),
              Rational.of(60),
              rung.maxrateBitsPerSecond(),
              rung.bufferSizeBits());
      assertThat(level.levelIdc()).as(rung.name()).isLessThanOrEqualTo(42);
    }
  }

  @Test
  void builtIn_unknownName_listsTheBuiltInOnes() {
    assertThatThrownBy(() -> LadderDocuments.builtIn("tiny"))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "no built-in ladder is named \"tiny\" (built-in ladders: default, small;"
                + " a ladder file name ends in .json)")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_INVALID_DOCUMENT);
  }

  @Test
  void builtIn_pathLikeName_isNotLookedUp() {
    assertThatThrownBy(() -> LadderDocuments.builtIn("../ladder/default"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("no built-in ladder is named \"../ladder/default\"");
  }
}
