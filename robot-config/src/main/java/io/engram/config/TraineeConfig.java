package io.engram.config;

/**
 * The trainee: the LIF network whose readout commands the driven joints.
 *
 * @param inputs input channels (the clock)
 * @param neurons LIF neurons
 * @param outputs leaky readouts, one per driven joint
 * @param tauMemMs membrane time constant (ms): alpha = exp(-dt / tau)
 * @param tauOutMs readout time constant (ms): kappa = exp(-dt / tau)
 * @param threshold firing threshold, also the pseudo-derivative's scale v_th
 * @param gamma pseudo-derivative dampening
 * @param refractorySteps refractory period (steps)
 */
public record TraineeConfig(
    int inputs,
    int neurons,
    int outputs,
    double tauMemMs,
    double tauOutMs,
    double threshold,
    double gamma,
    int refractorySteps) {

  public TraineeConfig {
    if (inputs < 1 || neurons < 1 || outputs < 1 || refractorySteps < 0) {
      throw new IllegalArgumentException("trainee: sizes must be positive, refractory >= 0");
    }
    if (!(tauMemMs > 0) || !(tauOutMs > 0) || !(threshold > 0) || !(gamma >= 0)) {
      throw new IllegalArgumentException("trainee: time constants and threshold must be positive");
    }
  }

  /** 5 inputs, 250 LIF, 2 readouts, tau 20 ms, threshold 0.6, gamma 0.3, 5 refractory steps. */
  public static TraineeConfig defaults() {
    return new TraineeConfig(5, 250, 2, 20.0, 20.0, 0.6, 0.3, 5);
  }

  /** Membrane decay per step of {@code dtMs}. */
  public double alpha(double dtMs) {
    return Math.exp(-dtMs / tauMemMs);
  }

  /** Readout decay per step of {@code dtMs}. */
  public double kappa(double dtMs) {
    return Math.exp(-dtMs / tauOutMs);
  }
}
