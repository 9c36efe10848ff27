package io.engram.config;

import java.util.Objects;

/**
 * The inner-loop learning rule and its settings. Rule-specific settings live in their own
 * sub-records.
 *
 * @param rule which rule learns from the demonstration
 * @param eta learning rate of the weight update
 * @param updateQuantum weight updates are rounded to multiples of this (half to even); 0 = off
 * @param readout settings of {@link LearningRule#READOUT}
 * @param eprop settings of {@link LearningRule#EPROP}
 */
public record LearningConfig(
    LearningRule rule, double eta, double updateQuantum, ReadoutConfig readout, EpropConfig eprop) {

  public LearningConfig {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(readout, "readout");
    Objects.requireNonNull(eprop, "eprop");
    if (!(eta > 0) || Double.isInfinite(eta) || !(updateQuantum >= 0) || Double.isInfinite(updateQuantum)) {
      throw new IllegalArgumentException("learning: eta must be positive, update quantum >= 0");
    }
  }

  /** Natural e-prop, eta 1e-4, unrounded updates. */
  public static LearningConfig defaults() {
    return new LearningConfig(
        LearningRule.NATURAL_EPROP, 1e-4, 0.0, ReadoutConfig.defaults(), EpropConfig.defaults());
  }

  /** Whether updates are rounded to {@link #updateQuantum()}. */
  public boolean quantised() {
    return updateQuantum > 0;
  }
}
