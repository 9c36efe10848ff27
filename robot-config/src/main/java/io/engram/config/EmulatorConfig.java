package io.engram.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The emulated arm used when {@link LinkConfig#transport()} is {@link Transport#EMULATED}.
 *
 * <p>Each joint follows its commanded velocity through a first-order lag; encoder readings carry
 * Gaussian noise. The noise generator is seeded, so runs repeat exactly.
 *
 * @param lag time constant of the first-order lag between commanded and actual velocity
 * @param sensorNoiseCounts standard deviation of the encoder noise (counts), zero for none
 * @param seed seed of the emulator's noise generator
 */
public record EmulatorConfig(Duration lag, double sensorNoiseCounts, long seed) {

  public EmulatorConfig {
    Objects.requireNonNull(lag, "lag");
    if (lag.isNegative()) {
      throw new IllegalArgumentException("emulator lag must not be negative");
    }
    if (!(sensorNoiseCounts >= 0) || Double.isInfinite(sensorNoiseCounts)) {
      throw new IllegalArgumentException("sensor noise must be a finite value >= 0");
    }
  }

  public static EmulatorConfig defaults() {
    return new EmulatorConfig(Duration.ofMillis(30), 0.5, 1);
  }
}
