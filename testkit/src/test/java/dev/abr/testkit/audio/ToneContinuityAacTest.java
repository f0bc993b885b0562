package dev.abr.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyser on real AAC-LC at 128 kbit/s from the bundled FFmpeg: a stream encoded whole is
 * continuous under the default limits, with margin; two chunks encoded separately and played back
 * to back are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToneContinuityAacTest {
  private static final int RATE = 48_000;
  private static final int AAC_FRAME_SAMPLES = 1024;
  private static final int SOURCE_SAMPLES = 10 * RATE;
  private static final int CHUNK_SAMPLES = 2 * RATE;

  /**
   * The first AAC frame of a stream decodes without its predecessor, the last without a successor.
   */
  private static final int EDGE_SKIP_SAMPLES = 2 * AAC_FRAME_SAMPLES;

  private static final ToneContinuityThresholds LIMITS = ToneContinuityThresholds.defaults();

  private PcmAudio whole;
  private PcmAudio chunked;

  @BeforeAll
  void encodeAndDecode(@TempDir Path dir) {
    Path stream =
        TestMedia.generate(
            new MediaSpec(
                Optional.empty(),
                Optional.of(new MediaSpec.Audio("aac", RATE, 2)),
                SOURCE_SAMPLES / RATE,
                "mp4"));
    whole = FfmpegAudioDecoder.decode(stream);

    // The naive chunked approach: cut the source, encode each chunk with a fresh encoder.
    Path source =
        TestMedia.generate(
            new MediaSpec(
                Optional.empty(),
                Optional.of(new MediaSpec.Audio("pcm_s16le", RATE, 2)),
                2 * CHUNK_SAMPLES / RATE,
                "mkv"));
    List<PcmAudio> chunks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path chunk = dir.resolve("chunk" + i + ".mp4");
      TestMedia.run(
          List.of(
              "-hide_banner",
              "-nostdin",
              "-loglevel",
              "error",
              "-y",
              "-i",
              source.toString(),
              "-af",
              "atrim=start_sample="
                  + i * CHUNK_SAMPLES
                  + ":end_sample="
                  + (i + 1) * CHUNK_SAMPLES
                  + ",asetpts=PTS-STARTPTS",
              "-c:a",
              "aac",
              "-b:a",
              "128k",
              "-threads",
              "1",
              "-fflags",
              "+bitexact",
              "-flags:a",
              "+bitexact",
              "-f",
              "mp4",
              chunk.toString()));
      chunks.add(FfmpegAudioDecoder.decode(chunk));
    }
    chunked = PcmAudio.concatenate(chunks);
  }

  /**
   * Samples FFmpeg decodes from an AAC stream of {@code sourceSamples}: the edit list trims the
   * encoder's 1024 samples of priming, but the last frame's padding stays.
   */
  private static int decodedSamples(int sourceSamples) {
    return Math.ceilDiv(sourceSamples + AAC_FRAME_SAMPLES, AAC_FRAME_SAMPLES) * AAC_FRAME_SAMPLES
        - AAC_FRAME_SAMPLES;
  }

  private static ToneContinuityOptions wholeStreamOptions() {
    int decoded = decodedSamples(SOURCE_SAMPLES);
    return ToneContinuityOptions.defaults()
        .withSkipLeadingSamples(EDGE_SKIP_SAMPLES)
        .withSkipTrailingSamples(decoded - SOURCE_SAMPLES + EDGE_SKIP_SAMPLES)
        .withExpectedSampleCount(decoded);
  }

  @Test
  void assertContinuous_wholeStreamLeft997Hz_passes() {
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(whole, 0, 997, wholeStreamOptions());

    report.assertContinuous(LIMITS);
  }

  @Test
  void assertContinuous_wholeStreamRight1499Hz_passes() {
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(whole, 1, 1499, wholeStreamOptions());

    report.assertContinuous(LIMITS);
  }

  @Test
  void analyze_wholeStream_phaseNoiseIsAtMostHalfTheLimit() {
    for (int channel = 0; channel < 2; channel++) {
      ToneContinuityReport report =
          ToneContinuityAnalyzer.analyze(
              whole, channel, channel == 0 ? 997 : 1499, wholeStreamOptions());

      assertThat(Math.abs(report.largestPhaseError().phaseErrorSamples()))
          .as(report.summary())
          .isLessThanOrEqualTo(LIMITS.maxPhaseErrorSamples() / 2);
    }
  }

  @Test
  void analyze_wholeStream_residualIsAtMostAQuarterOfTheLimit() {
    for (int channel = 0; channel < 2; channel++) {
      ToneContinuityReport report =
          ToneContinuityAnalyzer.analyze(
              whole, channel, channel == 0 ? 997 : 1499, wholeStreamOptions());

      assertThat(report.largestResidual().residualRatio())
          .as(report.summary())
          .isLessThanOrEqualTo(LIMITS.maxResidualRatio() / 4);
    }
  }

  @Test
  void analyze_wholeStream_amplitudeStaysWithinHalfTheLimits() {
    for (int channel = 0; channel < 2; channel++) {
      ToneContinuityReport report =
          ToneContinuityAnalyzer.analyze(
              whole, channel, channel == 0 ? 997 : 1499, wholeStreamOptions());

      assertThat(report.smallestAmplitude().amplitudeRatio())
          .as(report.summary())
          .isGreaterThanOrEqualTo(1 - (1 - LIMITS.minAmplitudeRatio()) / 2);
      assertThat(report.largestAmplitude().amplitudeRatio())
          .as(report.summary())
          .isLessThanOrEqualTo(1 + (LIMITS.maxAmplitudeRatio() - 1) / 2);
    }
  }

  @Test
  void discontinuities_separatelyEncodedChunks_flagsOnlyTheJoin() {
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            chunked,
            0,
            997,
            ToneContinuityOptions.defaults()
                .withSkipLeadingSamples(EDGE_SKIP_SAMPLES)
                .withSkipTrailingSamples(
                    decodedSamples(CHUNK_SAMPLES) - CHUNK_SAMPLES + EDGE_SKIP_SAMPLES));

    List<ToneDiscontinuity> found = report.discontinuities(LIMITS);

    assertThat(found).singleElement();
    assertThat(found.get(0).firstSample()).isLessThanOrEqualTo(CHUNK_SAMPLES);
    assertThat(found.get(0).endSample()).isGreaterThan(CHUNK_SAMPLES);
  }

  @Test
  void discontinuities_separatelyEncodedChunksRight1499Hz_flagsTheJoinToo() {
    // 256 samples of padding are almost exactly 8 periods of 1 499 Hz, so the phase barely moves
    // on this channel; the fade and restart at the join still show in amplitude and residual.
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            chunked,
            1,
            1499,
            ToneContinuityOptions.defaults()
                .withSkipLeadingSamples(EDGE_SKIP_SAMPLES)
                .withSkipTrailingSamples(
                    decodedSamples(CHUNK_SAMPLES) - CHUNK_SAMPLES + EDGE_SKIP_SAMPLES));

    List<ToneDiscontinuity> found = report.discontinuities(LIMITS);

    assertThat(found).singleElement();
    assertThat(found.get(0).firstSample()).isLessThanOrEqualTo(CHUNK_SAMPLES);
    assertThat(found.get(0).endSample()).isGreaterThan(CHUNK_SAMPLES);
  }
}
