package io.engram.config;

/**
 * The ridge-regression readout rule.
 *
 * @param ridge L2 regularisation added to the spike-trace Gram matrix's diagonal
 */
public record ReadoutConfig(double ridge) {

  public ReadoutConfig {
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("readout: ridge must be finite and >= 0");
    }
  }

  public static ReadoutConfig defaults() {
    return new ReadoutConfig(1e-3);
  }
}
