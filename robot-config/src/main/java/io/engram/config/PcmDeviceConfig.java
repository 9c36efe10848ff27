package io.engram.config;

/**
 * IBM's statistical model of a PCM device (programming noise, drift, read noise), with the
 * model's formulas. Conductances in microsiemens, g = G / Gmax.
 *
 * @param gMaxUs largest programmable conductance (uS)
 * @param t0S model time origin: t = t_inference + t0 (s)
 * @param tReadS duration of one read (s)
 * @param progNoiseA coefficient of g^2 in sigma_p (uS)
 * @param progNoiseB coefficient of g in sigma_p (uS)
 * @param progNoiseC constant of sigma_p (uS)
 * @param driftMeanSlope slope over ln g of the drift exponent's mean
 * @param driftMeanIntercept intercept of the drift exponent's mean
 * @param driftMeanMin lower clip of the mean
 * @param driftMeanMax upper clip of the mean
 * @param driftStdSlope slope over ln g of the drift exponent's standard deviation
 * @param driftStdIntercept intercept of the standard deviation
 * @param driftStdMin lower clip of the standard deviation
 * @param driftStdMax upper clip of the standard deviation
 * @param driftGFloor g is raised to at least this before its logarithm
 * @param readNoiseCoefficient numerator of Q_s
 * @param readNoiseExponent exponent of g in Q_s's denominator
 * @param readNoiseGFloor lower bound of g^exponent in Q_s
 * @param readNoiseMax upper clip of Q_s
 */
public record PcmDeviceConfig(
    double gMaxUs,
    double t0S,
    double tReadS,
    double progNoiseA,
    double progNoiseB,
    double progNoiseC,
    double driftMeanSlope,
    double driftMeanIntercept,
    double driftMeanMin,
    double driftMeanMax,
    double driftStdSlope,
    double driftStdIntercept,
    double driftStdMin,
    double driftStdMax,
    double driftGFloor,
    double readNoiseCoefficient,
    double readNoiseExponent,
    double readNoiseGFloor,
    double readNoiseMax) {

  public PcmDeviceConfig {
    if (!(gMaxUs > 0) || !(t0S > 0) || !(tReadS > 0) || !(driftGFloor > 0) || !(readNoiseGFloor > 0)) {
      throw new IllegalArgumentException("PCM device: Gmax, t0, t_read and floors must be positive");
    }
    if (!(driftMeanMin <= driftMeanMax) || !(driftStdMin <= driftStdMax)) {
      throw new IllegalArgumentException("PCM device: drift clip ranges need min <= max");
    }
  }

  /** The published model: Gmax 25 uS, t0 20 s, t_read 250 ns (see SPEC section 6). */
  public static PcmDeviceConfig ibm() {
    return new PcmDeviceConfig(
        25.0, 20.0, 250e-9,
        -1.1731, 1.9650, 0.26348,
        -0.0155, 0.0244, 0.049, 0.1,
        -0.0125, -0.0059, 0.008, 0.045,
        1e-7,
        0.0088, 0.65, 1e-3, 0.2);
  }

  /** Standard deviation (uS) of the programming noise at normalised conductance g. */
  public double programmingSigmaUs(double g) {
    return Math.max((progNoiseA * g + progNoiseB) * g + progNoiseC, 0.0);
  }

  /** Mean of the drift exponent nu at normalised target conductance g. */
  public double driftMean(double g) {
    return clip(driftMeanSlope * Math.log(Math.max(g, driftGFloor)) + driftMeanIntercept,
        driftMeanMin, driftMeanMax);
  }

  /** Standard deviation of the drift exponent nu at normalised target conductance g. */
  public double driftStd(double g) {
    return clip(driftStdSlope * Math.log(Math.max(g, driftGFloor)) + driftStdIntercept,
        driftStdMin, driftStdMax);
  }

  /** Drift factor (t / t0)^-nu at model time t = t_inference + t0 (s). */
  public double driftFactor(double nu, double tS) {
    return Math.pow(tS / t0S, -nu);
  }

  /** Q_s: relative read-noise scale at normalised programmed conductance g. */
  public double readNoiseScale(double g) {
    return Math.min(readNoiseCoefficient / Math.max(Math.pow(g, readNoiseExponent), readNoiseGFloor),
        readNoiseMax);
  }

  /** Relative standard deviation of one read at model time t (s): Q_s sqrt(ln((t + t_r) / 2 t_r)). */
  public double readNoiseRelativeSigma(double g, double tS) {
    return readNoiseScale(g) * Math.sqrt(Math.log((tS + tReadS) / (2 * tReadS)));
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
