package dev.abr.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ToneContinuityAnalyzer} and its report on synthetic tones with known damage. */
class ToneContinuityAnalyzerTest {
  private static final int RATE = 48_000;
  private static final double HZ = 997;
  private static final double AMPLITUDE = 0.3;
  private static final int FIVE_SECONDS = 5 * RATE;
  private static final double PERIOD = RATE / HZ;
  private static final ToneContinuityThresholds LIMITS = ToneContinuityThresholds.defaults();
  private static final float[] TONE = SyntheticTone.sine(HZ, AMPLITUDE, RATE, FIVE_SECONDS);

  private static ToneContinuityReport analyze(float[] samples) {
    return ToneContinuityAnalyzer.analyze(samples, RATE, HZ, ToneContinuityOptions.defaults());
  }

  private static ToneContinuityReport analyzeExpectingFiveSeconds(float[] samples) {
    return ToneContinuityAnalyzer.analyze(
        samples, RATE, HZ, ToneContinuityOptions.defaults().withExpectedSampleCount(FIVE_SECONDS));
  }

  @Test
  void analyze_cleanTone_reportsPhaseErrorNearZero() {
    ToneContinuityReport report = analyze(TONE);

    assertThat(report.largestPhaseError().phaseErrorSamples()).isCloseTo(0, within(0.001));
  }

  @Test
  void analyze_cleanTone_flagsNoBlock() {
    ToneContinuityReport report = analyze(TONE);

    assertThat(report.blocksExceeding(LIMITS)).isEmpty();
  }

  @Test
  void analyze_cleanTone_countsSamplesAndWholeBlocks() {
    ToneContinuityReport report = analyze(TONE);

    assertThat(List.of(report.sampleCount(), (long) report.blockCount()))
        .containsExactly((long) FIVE_SECONDS, FIVE_SECONDS / 480L);
  }

  @Test
  void analyze_cleanTone_measuresAmplitudeAndNoResidual() {
    ToneContinuityReport report = analyze(TONE);

    assertThat(report.medianAmplitude()).isCloseTo(AMPLITUDE, within(1e-4));
    assertThat(report.largestResidual().residualRatio()).isLessThan(1e-4);
  }

  @Test
  void assertContinuous_cleanToneWithExpectedCount_passes() {
    ToneContinuityReport report = analyzeExpectingFiveSeconds(TONE);

    report.assertContinuous(LIMITS);
  }

  @Test
  void analyze_nonIntegerFrequency_findsCleanToneContinuous() {
    float[] tone = SyntheticTone.sine(440.25, AMPLITUDE, 44_100, 441_000);

    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(tone, 44_100, 440.25, ToneContinuityOptions.defaults());

    assertThat(report.discontinuities(LIMITS)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1, 100123", "1, 100320", "16, 100123", "16, 100320", "16, 100799"})
  void discontinuities_samplesRemoved_measuresShiftWithinHalfSample(int count, int at) {
    float[] damaged = SyntheticTone.withoutSamples(TONE, at, count);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found).singleElement();
    assertThat(found.get(0).phaseShiftSamples().orElseThrow()).isCloseTo(count, within(0.5));
  }

  @ParameterizedTest
  @CsvSource({"1, 100123", "1, 100320", "16, 100123", "16, 100320", "16, 100799"})
  void discontinuities_samplesRemoved_locatesTheSplice(int count, int at) {
    float[] damaged = SyntheticTone.withoutSamples(TONE, at, count);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found).singleElement();
    assertThat(found.get(0).sampleIndex()).isCloseTo(at, within(1L));
  }

  @Test
  void discontinuities_oneFrameRemoved_measuresShiftModuloTonePeriod() {
    float[] damaged = SyntheticTone.withoutSamples(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found.get(0).phaseShiftSamples().orElseThrow())
        .isCloseTo(Math.IEEEremainder(1024, PERIOD), within(0.5));
  }

  @Test
  void discontinuities_oneFrameRemovedAndCountExpected_pinsTheExactCount() {
    float[] damaged = SyntheticTone.withoutSamples(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyzeExpectingFiveSeconds(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .extracting(d -> d.missingSamples().orElseThrow())
        .isEqualTo(1024L);
  }

  @Test
  void discontinuities_oneFrameRemoved_locatesTheSplice() {
    float[] damaged = SyntheticTone.withoutSamples(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .extracting(ToneDiscontinuity::sampleIndex)
        .isEqualTo(100_123L);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16})
  void discontinuities_samplesRepeated_measuresNegativeShift(int count) {
    float[] damaged = SyntheticTone.withRepeatedSamples(TONE, 100_123, count);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found).singleElement();
    assertThat(found.get(0).phaseShiftSamples().orElseThrow()).isCloseTo(-count, within(0.5));
  }

  @Test
  void discontinuities_samplesRepeatedAndCountExpected_pinsNegativeCount() {
    float[] damaged = SyntheticTone.withRepeatedSamples(TONE, 100_123, 16);

    List<ToneDiscontinuity> found = analyzeExpectingFiveSeconds(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .extracting(d -> d.missingSamples().orElseThrow())
        .isEqualTo(-16L);
  }

  @Test
  void discontinuities_samplesRepeated_locatesTheSplice() {
    float[] damaged = SyntheticTone.withRepeatedSamples(TONE, 100_123, 16);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .extracting(ToneDiscontinuity::sampleIndex)
        .isEqualTo(100_123L);
  }

  @Test
  void discontinuities_silenceInserted_reportsDropoutAndPhaseJump() {
    float[] damaged = SyntheticTone.withSilence(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found).singleElement();
    assertThat(found.get(0).defects()).contains(ToneDefect.DROPOUT, ToneDefect.PHASE_JUMP);
  }

  @Test
  void discontinuities_silenceInserted_measuresAmplitudeNearZero() {
    float[] damaged = SyntheticTone.withSilence(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found.get(0).smallestAmplitudeRatio()).isLessThan(0.01);
  }

  @Test
  void discontinuities_silenceInsertedAndCountExpected_pinsInsertedCount() {
    float[] damaged = SyntheticTone.withSilence(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyzeExpectingFiveSeconds(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .extracting(d -> d.missingSamples().orElseThrow())
        .isEqualTo(-1024L);
  }

  @Test
  void discontinuities_silenceInserted_locatesWithinTheBlockWhereItStarts() {
    float[] damaged = SyntheticTone.withSilence(TONE, 100_123, 1024);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found.get(0).sampleIndex()).isBetween(100_123L - 480, 100_123L);
  }

  @Test
  void discontinuities_oneSampleClick_reportsOnlyAClickAtThatSample() {
    float[] damaged = SyntheticTone.withSpike(TONE, 100_123, 0.5f);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .satisfies(
            click -> {
              assertThat(click.defects()).containsExactly(ToneDefect.CLICK);
              assertThat(click.sampleIndex()).isEqualTo(100_123L);
            });
  }

  @Test
  void discontinuities_whiteNoiseAtMinus40Dbfs_findsNone() {
    float[] noisy =
        SyntheticTone.withNoise(
            SyntheticTone.sine(HZ, AMPLITUDE, RATE, 60 * RATE), 0.01, /* seed= */ 997);

    ToneContinuityReport report = analyze(noisy);

    assertThat(report.discontinuities(LIMITS)).isEmpty();
  }

  @Test
  void discontinuities_whiteNoiseAtMinus40DbfsOnAnEighthScaleTone_findsNone() {
    // The test sources' level: noise peaks reach 0.43 of the amplitude here, over the fixed
    // residual limit, so the limit follows the channel's noise.
    float[] noisy =
        SyntheticTone.withNoise(
            SyntheticTone.sine(HZ, 0.125, RATE, 60 * RATE), 0.01, /* seed= */ 997);

    ToneContinuityReport report = analyze(noisy);

    assertThat(report.discontinuities(LIMITS)).isEmpty();
  }

  @Test
  void discontinuities_clickInNoisyEighthScaleTone_findsTheClick() {
    float[] noisy =
        SyntheticTone.withNoise(
            SyntheticTone.sine(HZ, 0.125, RATE, FIVE_SECONDS), 0.01, /* seed= */ 997);
    float[] damaged = SyntheticTone.withSpike(noisy, 100_123, 0.5f);

    List<ToneDiscontinuity> found = analyze(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .extracting(ToneDiscontinuity::sampleIndex)
        .isEqualTo(100_123L);
  }

  @Test
  void discontinuities_clickWithExpectedCount_doesNotClaimMissingSamples() {
    float[] damaged = SyntheticTone.withSpike(TONE, 100_123, 0.5f);

    List<ToneDiscontinuity> found = analyzeExpectingFiveSeconds(damaged).discontinuities(LIMITS);

    assertThat(found.get(0).missingSamples()).isEmpty();
  }

  @Test
  void analyze_sixtySecondsOfStereo_takesWellUnderOneSecond() {
    PcmAudio audio =
        PcmAudio.of(
            RATE,
            SyntheticTone.sine(997, AMPLITUDE, RATE, 60 * RATE),
            SyntheticTone.sine(1499, AMPLITUDE, RATE, 60 * RATE));

    long start = System.nanoTime();
    ToneContinuityAnalyzer.analyze(audio, 0, 997, ToneContinuityOptions.defaults());
    ToneContinuityAnalyzer.analyze(audio, 1, 1499, ToneContinuityOptions.defaults());
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMillis).isLessThan(1_000);
  }

  @Test
  void analyze_rightChannelAt1499Hz_measuresTheSameGap() {
    float[] left = SyntheticTone.withoutSamples(TONE, 100_123, 16);
    float[] right =
        SyntheticTone.withoutSamples(
            SyntheticTone.sine(1499, AMPLITUDE, RATE, FIVE_SECONDS), 100_123, 16);

    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            PcmAudio.of(RATE, left, right), 1, 1499, ToneContinuityOptions.defaults());

    assertThat(report.discontinuities(LIMITS).get(0).phaseShiftSamples().orElseThrow())
        .isCloseTo(16, within(0.5));
  }

  @Test
  void assertContinuous_gap_saysWhereAndHowMuch() {
    float[] damaged = SyntheticTone.withoutSamples(TONE, 96_000, 16);
    ToneContinuityReport report = analyzeExpectingFiveSeconds(damaged);

    assertThatThrownBy(() -> report.assertContinuous(LIMITS))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at 2.000000 s (sample 96000)")
        .hasMessageContaining("16 samples missing");
  }

  @Test
  void toString_gapAtBlockEdge_describesItOnOneLine() {
    float[] damaged = SyntheticTone.withoutSamples(TONE, 96_000, 16);

    List<ToneDiscontinuity> found = analyzeExpectingFiveSeconds(damaged).discontinuities(LIMITS);

    assertThat(found)
        .singleElement()
        .hasToString(
            "at 2.000000 s (sample 96000): PHASE_JUMP; 16 samples missing (tone shifted by +16.00"
                + " samples, modulo its 48.14-sample period); largest phase error +16.00 samples,"
                + " residual 0.00 x median amplitude, amplitude 1.00-1.00 of median; flagged"
                + " samples 93120-98880 (1.940000-2.060000 s)");
  }

  @Test
  void assertContinuous_sampleCountDiffers_saysByHowMuch() {
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            TONE, RATE, HZ, ToneContinuityOptions.defaults().withExpectedSampleCount(240_512));

    assertThatThrownBy(() -> report.assertContinuous(LIMITS))
        .hasMessageContaining("decoded 240000 samples, expected 240512: 512 missing");
  }

  @Test
  void analyze_leadingSamplesSkipped_startsTheFirstBlockAfterThem() {
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            TONE, RATE, HZ, ToneContinuityOptions.defaults().withSkipLeadingSamples(2048));

    assertThat(report.blocks().get(0).startSample()).isEqualTo(2048);
  }

  @Test
  void analyze_leadingNoiseSkipped_findsNoDiscontinuity() {
    float[] damaged = TONE.clone();
    for (int n = 0; n < 1024; n++) {
      damaged[n] = (n % 7) * 0.1f;
    }

    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            damaged, RATE, HZ, ToneContinuityOptions.defaults().withSkipLeadingSamples(1024));

    assertThat(report.discontinuities(LIMITS)).isEmpty();
  }

  @Test
  void analyze_trailingSamplesSkipped_endsTheLastBlockBeforeThem() {
    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            TONE, RATE, HZ, ToneContinuityOptions.defaults().withSkipTrailingSamples(480));

    assertThat(report.blocks().getLast().endSample()).isEqualTo(FIVE_SECONDS - 480);
  }

  @Test
  void analyze_partialTailBlockByDefault_leavesItOut() {
    float[] tone = SyntheticTone.sine(HZ, AMPLITUDE, RATE, FIVE_SECONDS + 100);

    ToneContinuityReport report = analyze(tone);

    assertThat(report.blocks().getLast().endSample()).isEqualTo(FIVE_SECONDS);
  }

  @Test
  void analyze_partialTailBlockIncluded_analysesItAsAShorterBlock() {
    float[] tone = SyntheticTone.sine(HZ, AMPLITUDE, RATE, FIVE_SECONDS + 100);

    ToneContinuityReport report =
        ToneContinuityAnalyzer.analyze(
            tone, RATE, HZ, ToneContinuityOptions.defaults().withPartialTailBlock(true));

    assertThat(report.blocks().getLast())
        .extracting(ToneBlock::startSample, ToneBlock::lengthSamples)
        .containsExactly((long) FIVE_SECONDS, 100);
  }

  @Test
  void analyze_noToneAtAll_throws() {
    assertThatThrownBy(() -> analyze(new float[FIVE_SECONDS]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no 997.0 Hz tone");
  }

  @Test
  void analyze_fewerSamplesThanOneBlock_throws() {
    assertThatThrownBy(() -> analyze(new float[479]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fewer than one block of 480");
  }

  @Test
  void analyze_toneAboveHalfTheSampleRate_throws() {
    assertThatThrownBy(
            () ->
                ToneContinuityAnalyzer.analyze(
                    TONE, RATE, 24_000, ToneContinuityOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void analyze_blockShorterThanOnePeriod_throws() {
    assertThatThrownBy(
            () ->
                ToneContinuityAnalyzer.analyze(
                    TONE, RATE, HZ, ToneContinuityOptions.defaults().withBlockSamples(40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than one period");
  }
}
