package dev.abr.testkit.audio;

/**
 * Least-squares fit of {@code a·sin(ωn) + b·cos(ωn) + c} to blocks of one length, {@code n}
 * counting from the block's first sample.
 *
 * <p>The tone rarely completes a whole number of periods in a block, so sine, cosine and constant
 * are not orthogonal there: the fit solves the 3×3 normal equations, whose matrix depends only on ω
 * and the length and is inverted once.
 */
final class ToneFit {
  private final int lengthSamples;
  private final double[] sin;
  private final double[] cos;
  private final double[][] inverse;

  ToneFit(double radiansPerSample, int lengthSamples) {
    this.lengthSamples = lengthSamples;
    this.sin = new double[lengthSamples];
    this.cos = new double[lengthSamples];
    double ss = 0;
    double sc = 0;
    double cc = 0;
    double s1 = 0;
    double c1 = 0;
    for (int n = 0; n < lengthSamples; n++) {
      sin[n] = Math.sin(radiansPerSample * n);
      cos[n] = Math.cos(radiansPerSample * n);
      ss += sin[n] * sin[n];
      sc += sin[n] * cos[n];
      cc += cos[n] * cos[n];
      s1 += sin[n];
      c1 += cos[n];
    }
    this.inverse = invert(new double[][] {{ss, sc, s1}, {sc, cc, c1}, {s1, c1, lengthSamples}});
  }

  int lengthSamples() {
    return lengthSamples;
  }

  double sin(int n) {
    return sin[n];
  }

  double cos(int n) {
    return cos[n];
  }

  /** Fits the block of {@code samples} that starts at {@code start}. */
  BlockFit fit(float[] samples, int start) {
    double xs = 0;
    double xc = 0;
    double x1 = 0;
    double xx = 0;
    for (int n = 0; n < lengthSamples; n++) {
      double x = samples[start + n];
      xs += x * sin[n];
      xc += x * cos[n];
      x1 += x;
      xx += x * x;
    }
    double mean = x1 / lengthSamples;
    double variance = Math.max(0, xx / lengthSamples - mean * mean);
    double a = inverse[0][0] * xs + inverse[0][1] * xc + inverse[0][2] * x1;
    double b = inverse[1][0] * xs + inverse[1][1] * xc + inverse[1][2] * x1;
    double c = inverse[2][0] * xs + inverse[2][1] * xc + inverse[2][2] * x1;
    double peak = 0;
    int peakAt = 0;
    double squares = 0;
    for (int n = 0; n < lengthSamples; n++) {
      double residual = samples[start + n] - (a * sin[n] + b * cos[n] + c);
      squares += residual * residual;
      if (Math.abs(residual) > peak) {
        peak = Math.abs(residual);
        peakAt = n;
      }
    }
    return new BlockFit(
        a, b, c, Math.sqrt(2 * variance), Math.sqrt(squares / lengthSamples), peak, peakAt);
  }

  /**
   * One block's fit.
   *
   * @param sinWeight a
   * @param cosWeight b
   * @param dc c
   * @param powerAmplitude the amplitude of a sine with the block's power about its mean, √2·RMS:
   *     unlike the fit's amplitude it does not drop where the block holds the tone at two phases
   * @param rmsResidual the RMS of sample − fit over the block
   * @param peakResidual the largest |sample − fit| in the block
   * @param peakResidualOffset where it is, counted from the block's first sample
   */
  record BlockFit(
      double sinWeight,
      double cosWeight,
      double dc,
      double powerAmplitude,
      double rmsResidual,
      double peakResidual,
      int peakResidualOffset) {
    /** The fitted tone's amplitude. */
    double toneAmplitude() {
      return Math.hypot(sinWeight, cosWeight);
    }

    /** φ in {@code amplitude·sin(ωn + φ)}. */
    double phaseRadians() {
      return Math.atan2(cosWeight, sinWeight);
    }
  }

  private static double[][] invert(double[][] m) {
    double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    double determinant = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
    if (!(Math.abs(determinant) > 0)) {
      throw new IllegalArgumentException("tone fit is singular for this block length");
    }
    double[][] inverse = new double[3][3];
    inverse[0][0] = c00 / determinant;
    inverse[1][0] = c01 / determinant;
    inverse[2][0] = c02 / determinant;
    inverse[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / determinant;
    inverse[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / determinant;
    inverse[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / determinant;
    inverse[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / determinant;
    inverse[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / determinant;
    inverse[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / determinant;
    return inverse;
  }
}
