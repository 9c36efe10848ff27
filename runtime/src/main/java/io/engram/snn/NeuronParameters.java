package io.engram.snn;

/**
 * Dynamics of the LIF/ALIF neurons and leaky readouts of one network, in discrete time. The decay
 * factors are derived from the time constants: {@code alpha = exp(-dt/tauMembrane)}, {@code
 * kappa = exp(-dt/tauReadout)}, {@code rho = exp(-dt/tauAdaptation)}.
 *
 * @param dtMs simulation step (ms)
 * @param membraneTauMs membrane time constant (ms), also the decay of the presynaptic traces
 * @param readoutTauMs readout time constant (ms)
 * @param baseThreshold firing threshold of a LIF neuron, and of an ALIF neuron at rest
 * @param thresholdScale the normalisation v_th of the pseudo-derivative and spike condition
 * @param refractorySteps steps a neuron stays silent after a spike
 * @param pseudoDerivativeDampening gamma, the height of the pseudo-derivative times v_th
 * @param adaptationTauMs time constant of the ALIF threshold adaptation (ms)
 * @param adaptationStrength beta: an ALIF threshold is {@code baseThreshold + beta * b}
 */
public record NeuronParameters(
    double dtMs,
    double membraneTauMs,
    double readoutTauMs,
    double baseThreshold,
    double thresholdScale,
    int refractorySteps,
    double pseudoDerivativeDampening,
    double adaptationTauMs,
    double adaptationStrength) {

  public NeuronParameters {
    requirePositive(dtMs, "dtMs");
    requirePositive(membraneTauMs, "membraneTauMs");
    requirePositive(readoutTauMs, "readoutTauMs");
    requirePositive(thresholdScale, "thresholdScale");
    requirePositive(adaptationTauMs, "adaptationTauMs");
    if (refractorySteps < 0) {
      throw new IllegalArgumentException("refractorySteps must be >= 0, got " + refractorySteps);
    }
  }

  /** The trainee's neurons: tau 20 ms, threshold 0.6, 5 refractory steps, gamma 0.3. */
  public static NeuronParameters trainee() {
    return new NeuronParameters(1.0, 20.0, 20.0, 0.6, 0.6, 5, 0.3, 600.0, 0.0);
  }

  /** The learning-signal generator's: threshold 1.3, ALIF adaptation 1.6 with tau 600 ms. */
  public static NeuronParameters learningSignalGenerator() {
    return new NeuronParameters(1.0, 20.0, 20.0, 1.3, 1.3, 5, 0.3, 600.0, 1.6);
  }

  /** Membrane (and trace) decay per step. */
  public double alpha() {
    return Math.exp(-dtMs / membraneTauMs);
  }

  /** Readout decay per step. */
  public double kappa() {
    return Math.exp(-dtMs / readoutTauMs);
  }

  /** Threshold-adaptation decay per step. */
  public double rho() {
    return Math.exp(-dtMs / adaptationTauMs);
  }

  private static void requirePositive(double x, String name) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + x);
    }
  }
}
