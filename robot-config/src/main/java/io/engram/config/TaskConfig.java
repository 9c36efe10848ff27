package io.engram.config;

/**
 * The task family: how target motions are sampled (per driven joint, a smoothed Brownian walk of
 * angular velocity). Angles are clipped to each driven joint's {@link JointConfig#safeLimits()}.
 *
 * @param incrementSigmaRadPerS standard deviation of the walk's increments (rad/s)
 * @param smoothingWindow length of the periodic Hann window that smooths the walk (steps)
 * @param omegaLimitRadPerS omega is clipped to [-limit, limit] (rad/s)
 * @param seed seed of the task sampler
 */
public record TaskConfig(
    double incrementSigmaRadPerS, int smoothingWindow, double omegaLimitRadPerS, long seed) {

  public TaskConfig {
    if (!(incrementSigmaRadPerS > 0) || smoothingWindow < 1 || !(omegaLimitRadPerS > 0)) {
      throw new IllegalArgumentException("task: sigma, window and omega limit must be positive");
    }
  }

  /** The reference family: N(0, 0.065^2) increments, Hann window 120, omega in [-pi, pi]. */
  public static TaskConfig defaults() {
    return new TaskConfig(0.065, 120, Math.PI, 1);
  }
}
