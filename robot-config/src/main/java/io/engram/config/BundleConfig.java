package io.engram.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The meta-parameter bundle (initial trainee weights and the LSG) shipped from the workstation,
 * or, without one, how the initial trainee weights are drawn.
 *
 * @param path bundle file; empty when the runtime starts without meta-parameters
 * @param seed seed of the initial weights drawn when there is no bundle
 * @param initialRateHz firing rate of the trainee on the clock that drawn weights are scaled to
 */
public record BundleConfig(Optional<Path> path, long seed, double initialRateHz) {

  public BundleConfig {
    Objects.requireNonNull(path, "path");
    if (!(initialRateHz > 0) || Double.isInfinite(initialRateHz)) {
      throw new IllegalArgumentException("bundle: initial rate must be positive and finite");
    }
  }

  /** No bundle, seed 1, drawn weights scaled to 20 Hz (the meta-training regulariser's target). */
  public static BundleConfig defaults() {
    return new BundleConfig(Optional.empty(), 1, 20.0);
  }
}
