package io.engram.config;

import java.util.Objects;

/**
 * The ridge-regression readout rule: from one demonstration trial, the readout weights are solved
 * by ridge regression of the target joint velocities on the kappa-filtered spike trains.
 *
 * @param ridge relative L2 regularisation: the ridge parameter is {@code ridge} times the mean
 *     diagonal of the filtered-spike Gram matrix (so it does not depend on the firing rate)
 * @param placement where the trainee's readout weights live, whatever the rule
 */
public record ReadoutConfig(double ridge, ReadoutPlacement placement) {

  public ReadoutConfig {
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("readout: ridge must be finite and >= 0");
    }
    Objects.requireNonNull(placement, "placement");
  }

  /** Relative ridge 0.1, readout in software. */
  public static ReadoutConfig defaults() {
    return new ReadoutConfig(0.1, ReadoutPlacement.SOFTWARE);
  }
}
