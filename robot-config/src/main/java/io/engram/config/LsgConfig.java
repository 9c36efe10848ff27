package io.engram.config;

/**
 * The learning-signal generator: clock and target bits in, one learning signal per trainee neuron
 * out. The first {@code neurons - alifNeurons} neurons are LIF, the last {@code alifNeurons} ALIF
 * with threshold {@code threshold + adaptationStrength * b}, b decaying with {@code
 * tauAdaptationMs}.
 *
 * @param inputs input channels (clock channels + 3 x target bits)
 * @param neurons all neurons
 * @param alifNeurons adaptive neurons, at the end
 * @param outputs leaky readouts = learning signals, one per trainee neuron
 * @param tauMemMs membrane time constant (ms)
 * @param tauOutMs readout time constant (ms)
 * @param threshold base threshold, also the pseudo-derivative's scale v_th
 * @param adaptationStrength threshold increase per unit of adaptation variable b
 * @param tauAdaptationMs time constant of b (ms)
 * @param gamma pseudo-derivative dampening
 * @param refractorySteps refractory period (steps)
 */
public record LsgConfig(
    int inputs,
    int neurons,
    int alifNeurons,
    int outputs,
    double tauMemMs,
    double tauOutMs,
    double threshold,
    double adaptationStrength,
    double tauAdaptationMs,
    double gamma,
    int refractorySteps) {

  public LsgConfig {
    if (inputs < 1 || neurons < 1 || outputs < 1 || alifNeurons < 0 || refractorySteps < 0) {
      throw new IllegalArgumentException("LSG: sizes must be positive");
    }
    if (!(tauMemMs > 0) || !(tauOutMs > 0) || !(tauAdaptationMs > 0) || !(threshold > 0)) {
      throw new IllegalArgumentException("LSG: time constants and threshold must be positive");
    }
    if (!(adaptationStrength >= 0) || !(gamma >= 0)) {
      throw new IllegalArgumentException("LSG: adaptation strength and gamma must be >= 0");
    }
  }

  /** 53 inputs, 560 LIF + 240 ALIF, 250 readouts, threshold 1.3 + 1.6 b, tau_b 600 ms. */
  public static LsgConfig defaults() {
    return new LsgConfig(53, 800, 240, 250, 20.0, 20.0, 1.3, 1.6, 600.0, 0.3, 5);
  }

  /** LIF neurons, at the start. */
  public int lifNeurons() {
    return neurons - alifNeurons;
  }

  /** Membrane decay per step of {@code dtMs}. */
  public double alpha(double dtMs) {
    return Math.exp(-dtMs / tauMemMs);
  }

  /** Readout decay per step of {@code dtMs}. */
  public double kappa(double dtMs) {
    return Math.exp(-dtMs / tauOutMs);
  }

  /** Adaptation decay per step of {@code dtMs}. */
  public double rho(double dtMs) {
    return Math.exp(-dtMs / tauAdaptationMs);
  }
}
