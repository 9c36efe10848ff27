package io.engram.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the control loop.
 *
 * @param trialSteps network steps in one trial (T)
 * @param armStep arm time one network step stands for; joint angle = armStep[s] * cumsum(omega),
 *     so this is the task's integration constant (0.01 s)
 * @param ioRateHz sensor reads and motor commands per second of arm time
 * @param sensorTimeout age beyond which a joint reading is stale and the arm stops safely
 */
public record ControlConfig(int trialSteps, Duration armStep, double ioRateHz, Duration sensorTimeout) {

  public ControlConfig {
    Objects.requireNonNull(armStep, "armStep");
    Objects.requireNonNull(sensorTimeout, "sensorTimeout");
    if (trialSteps <= 0 || armStep.isNegative() || armStep.isZero() || !(ioRateHz > 0)) {
      throw new IllegalArgumentException("control: trial steps, arm step and I/O rate must be positive");
    }
    if (sensorTimeout.isNegative() || sensorTimeout.isZero()) {
      throw new IllegalArgumentException("control: sensor timeout must be positive");
    }
  }

  /** 249 steps of 10 ms arm time, I/O at 100 Hz, readings stale after 50 ms. */
  public static ControlConfig defaults() {
    return new ControlConfig(249, Duration.ofMillis(10), 100.0, Duration.ofMillis(50));
  }

  /** The integration constant in seconds: joint angle = this * cumsum(omega). */
  public double integrationConstantS() {
    return armStep.toNanos() * 1e-9;
  }

  /** Arm time of one trial. */
  public Duration trialDuration() {
    return armStep.multipliedBy(trialSteps);
  }

  /** Period of the I/O loop (ns). */
  public long ioPeriodNanos() {
    return Math.round(1e9 / ioRateHz);
  }
}
