package dev.abr.testkit.audio;

import java.util.Random;

/** Test signals: a pure tone and the damage a broken segmenter or decoder does to it. */
final class SyntheticTone {
  private SyntheticTone() {}

  /** {@code count} samples of {@code amplitude·sin(2π·hz·n/sampleRate)}. */
  static float[] sine(double hz, double amplitude, int sampleRate, int count) {
    float[] samples = new float[count];
    for (int n = 0; n < count; n++) {
      // Whole cycles dropped before multiplying by 2π keep the phase exact over minutes.
      double cycles = hz * n / sampleRate;
      samples[n] = (float) (amplitude * Math.sin(2 * Math.PI * (cycles - Math.floor(cycles))));
    }
    return samples;
  }

  /**
   * {@code samples} without {@code [at, at + count)}: a gap, the tone jumps ahead at {@code at}.
   */
  static float[] withoutSamples(float[] samples, int at, int count) {
    float[] out = new float[samples.length - count];
    System.arraycopy(samples, 0, out, 0, at);
    System.arraycopy(samples, at + count, out, at, samples.length - at - count);
    return out;
  }

  /**
   * {@code samples} with {@code [at - count, at)} played twice: a repeat starting at {@code at}.
   */
  static float[] withRepeatedSamples(float[] samples, int at, int count) {
    float[] out = new float[samples.length + count];
    System.arraycopy(samples, 0, out, 0, at);
    System.arraycopy(samples, at - count, out, at, count);
    System.arraycopy(samples, at, out, at + count, samples.length - at);
    return out;
  }

  /** {@code samples} with {@code count} zeros inserted at {@code at}. */
  static float[] withSilence(float[] samples, int at, int count) {
    float[] out = new float[samples.length + count];
    System.arraycopy(samples, 0, out, 0, at);
    System.arraycopy(samples, at, out, at + count, samples.length - at);
    return out;
  }

  /** A copy of {@code samples} with {@code offset} added to sample {@code at}. */
  static float[] withSpike(float[] samples, int at, float offset) {
    float[] out = samples.clone();
    out[at] += offset;
    return out;
  }

  /** A copy of {@code samples} plus white Gaussian noise of RMS {@code rms}, from a fixed seed. */
  static float[] withNoise(float[] samples, double rms, long seed) {
    Random random = new Random(seed);
    float[] out = samples.clone();
    for (int n = 0; n < out.length; n++) {
      out[n] += (float) (rms * random.nextGaussian());
    }
    return out;
  }
}
