package io.engram.learning;

/**
 * Settings of the natural e-prop update.
 *
 * @param learningRate eta: the update is {@code -eta sum_t psi_j L_j trace_i}
 * @param quantum rounding applied to the update before it is written
 */
public record NaturalEpropParameters(double learningRate, UpdateQuantum quantum) {

  public NaturalEpropParameters {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    java.util.Objects.requireNonNull(quantum, "quantum");
  }

  /** The reference: eta = 1e-4, exact update. */
  public static NaturalEpropParameters reference() {
    return new NaturalEpropParameters(1e-4, UpdateQuantum.EXACT);
  }

  /** The same settings with another quantum. */
  public NaturalEpropParameters withQuantum(UpdateQuantum q) {
    return new NaturalEpropParameters(learningRate, q);
  }
}
