package io.engram.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and safety settings of the control loop.
 *
 * <p>The loop runs one iteration (read, safety checks, controller step, write) per I/O period and
 * {@code stepsPerPeriod} network steps per iteration. The arm moves by {@code armStep x omega} per
 * network step whatever the period, so the path does not depend on the period; only its speed
 * does (velocity = armStep x sum(omega) / period). By default one network step of 10 ms arm time
 * runs per 10 ms period: real time.
 *
 * @param trialSteps network steps in one trial (T)
 * @param armStep arm time one network step stands for; joint angle = armStep[s] * cumsum(omega),
 *     so this is the task's integration constant (0.01 s)
 * @param ioRateHz control-loop iterations (sensor reads and motor commands) per second
 * @param sensorTimeout age beyond which a joint reading is stale and the arm stops safely
 * @param stepsPerPeriod network steps per loop iteration
 * @param overrunPolicy what an iteration that runs past its period leads to
 * @param overrunLimit under {@link OverrunPolicy#STOP}, overruns in a row that stop the arm
 * @param trackingGainPerS gain (1/s) of the position feedback that keeps the measured joints on the
 *     commanded path: set-point = commanded velocity + gain x (commanded - measured angle)
 * @param homeTolerance largest distance (rad) from home at which a joint counts as homed
 * @param stoppingTime the joints' velocity time constant: after a command the joint's velocity
 *     approaches it with this lag, so a joint moving at v travels v x stoppingTime after a zero
 *     command; the hardware interface keeps that travel inside the safe limits (0: no lag)
 */
public record ControlConfig(
    int trialSteps,
    Duration armStep,
    double ioRateHz,
    Duration sensorTimeout,
    int stepsPerPeriod,
    OverrunPolicy overrunPolicy,
    int overrunLimit,
    double trackingGainPerS,
    double homeTolerance,
    Duration stoppingTime) {

  public ControlConfig {
    Objects.requireNonNull(armStep, "armStep");
    Objects.requireNonNull(sensorTimeout, "sensorTimeout");
    Objects.requireNonNull(overrunPolicy, "overrunPolicy");
    Objects.requireNonNull(stoppingTime, "stoppingTime");
    if (stoppingTime.isNegative()) {
      throw new IllegalArgumentException("control: stopping time must not be negative");
    }
    if (trialSteps <= 0 || armStep.isNegative() || armStep.isZero() || !(ioRateHz > 0)) {
      throw new IllegalArgumentException("control: trial steps, arm step and I/O rate must be positive");
    }
    if (sensorTimeout.isNegative() || sensorTimeout.isZero()) {
      throw new IllegalArgumentException("control: sensor timeout must be positive");
    }
    if (stepsPerPeriod < 1 || overrunLimit < 1) {
      throw new IllegalArgumentException("control: steps per period and overrun limit must be >= 1");
    }
    if (!(trackingGainPerS >= 0) || Double.isInfinite(trackingGainPerS)
        || !(homeTolerance > 0) || Double.isInfinite(homeTolerance)) {
      throw new IllegalArgumentException("control: tracking gain >= 0, home tolerance > 0");
    }
  }

  /**
   * 249 steps of 10 ms arm time, one per 10 ms period, readings stale after 50 ms, overruns
   * skipped but the arm stopped after 10 in a row, tracking gain 20/s, home within 0.5 degree,
   * joints stopping with a 30 ms lag.
   */
  public static ControlConfig defaults() {
    return new ControlConfig(249, Duration.ofMillis(10), 100.0, Duration.ofMillis(50), 1,
        OverrunPolicy.STOP, 10, 20.0, Math.toRadians(0.5), Duration.ofMillis(30));
  }

  /** The same settings with another I/O rate and steps per period. */
  public ControlConfig withTiming(double newIoRateHz, int newStepsPerPeriod) {
    return new ControlConfig(trialSteps, armStep, newIoRateHz, sensorTimeout, newStepsPerPeriod,
        overrunPolicy, overrunLimit, trackingGainPerS, homeTolerance, stoppingTime);
  }

  /** The same settings with another sensor timeout. */
  public ControlConfig withSensorTimeout(Duration timeout) {
    return new ControlConfig(trialSteps, armStep, ioRateHz, timeout, stepsPerPeriod,
        overrunPolicy, overrunLimit, trackingGainPerS, homeTolerance, stoppingTime);
  }

  /** The same settings with another overrun policy. */
  public ControlConfig withOverrun(OverrunPolicy policy, int limit) {
    return new ControlConfig(trialSteps, armStep, ioRateHz, sensorTimeout, stepsPerPeriod,
        policy, limit, trackingGainPerS, homeTolerance, stoppingTime);
  }

  /** The same settings with another stopping time. */
  public ControlConfig withStoppingTime(Duration time) {
    return new ControlConfig(trialSteps, armStep, ioRateHz, sensorTimeout, stepsPerPeriod,
        overrunPolicy, overrunLimit, trackingGainPerS, homeTolerance, time);
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

  /** Loop iterations that run a trial of {@link #trialSteps()} network steps. */
  public int trialPeriods() {
    return (trialSteps + stepsPerPeriod - 1) / stepsPerPeriod;
  }
}
