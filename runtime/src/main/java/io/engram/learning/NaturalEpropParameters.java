package io.engram.learning;

import io.engram.config.LearningConfig;
import java.util.Objects;

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
    Objects.requireNonNull(quantum, "quantum");
  }

  /** The settings of a learning configuration (its eta and update quantum). */
  public static NaturalEpropParameters of(LearningConfig config) {
    return new NaturalEpropParameters(config.eta(), new UpdateQuantum(config.updateQuantum()));
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
