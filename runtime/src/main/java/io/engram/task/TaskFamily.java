package io.engram.task;

import io.engram.config.AngleRange;
import io.engram.config.EngramConfig;
import io.engram.config.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The family of target motions: per driven joint, a Brownian walk of angular velocity (increments
 * N(0, sigma^2), starting at 0), smoothed by a normalised periodic Hann window (zeros padded in
 * front, the mirrored last samples behind, centred), clipped to [-omegaLimit, omegaLimit];
 * angles integrate omega from home and are clipped to each joint's safe limits; the target
 * end-effector trajectory follows the (clipped) angles.
 */
public final class TaskFamily {

  private final TaskConfig parameters;
  private final int steps;
  private final ArmModel arm;
  private final AngleRange[] safeLimits;
  private final double[] window;

  /**
   * @param safeLimits safe range of each driven joint, in output order
   */
  public TaskFamily(TaskConfig parameters, int steps, ArmModel arm, AngleRange[] safeLimits) {
    if (steps <= 0) {
      throw new IllegalArgumentException("steps must be positive");
    }
    if (safeLimits.length != arm.joints()) {
      throw new IllegalArgumentException(
          safeLimits.length + " safe ranges for " + arm.joints() + " driven joints");
    }
    this.parameters = parameters;
    this.steps = steps;
    this.arm = arm;
    this.safeLimits = safeLimits.clone();
    this.window = hann(parameters.smoothingWindow());
  }

  /** The family of a configuration: its task settings, trial length, arm and safe limits. */
  public static TaskFamily of(EngramConfig config) {
    ArmModel arm = ArmModel.of(config);
    AngleRange[] limits = new AngleRange[arm.joints()];
    int[] driven = arm.drivenJoints();
    for (int k = 0; k < limits.length; k++) {
      limits[k] = config.robot().joints().get(driven[k]).safeLimits();
    }
    return new TaskFamily(config.task(), config.control().trialSteps(), arm, limits);
  }

  public int steps() {
    return steps;
  }

  /** Largest joint speed of a task (rad/s). */
  public double omegaLimitRadPerS() {
    return parameters.omegaLimitRadPerS();
  }

  public ArmModel arm() {
    return arm;
  }

  /**
   * Samples {@code count} tasks from {@code seed}: task i draws from the i-th split of one
   * generator, so the tasks do not depend on how they are later processed.
   */
  public List<MotionTask> sample(int count, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<MotionTask> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(sample(root.split()));
    }
    return tasks;
  }

  /**
   * Task {@code index} of {@code sample(index + 1, seed)}, without sampling the ones before it.
   */
  public MotionTask sampleAt(long seed, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("task index must be >= 0, got " + index);
    }
    SplittableRandom root = new SplittableRandom(seed);
    for (int i = 0; i < index; i++) {
      root.split();
    }
    return sample(root.split());
  }

  /** Samples one task. */
  public MotionTask sample(RandomGenerator rng) {
    int n = arm.joints();
    double[] omega = new double[steps * n];
    double[] walk = new double[steps];
    double limit = parameters.omegaLimitRadPerS();
    for (int k = 0; k < n; k++) {
      walk[0] = 0.0;
      for (int t = 1; t < steps; t++) {
        walk[t] = walk[t - 1] + rng.nextGaussian() * parameters.incrementSigmaRadPerS();
      }
      double[] smooth = smooth(walk);
      for (int t = 0; t < steps; t++) {
        omega[t * n + k] = Math.max(-limit, Math.min(limit, smooth[t]));
      }
    }
    return fromOmega(omega);
  }

  /**
   * The task a demonstration of joint velocities describes: {@code omega} (rad/s, {@code steps} x
   * driven joints, row-major) integrated to angles, which are clipped to the safe limits, and the
   * end-effector path of those angles.
   */
  public MotionTask fromOmega(double[] omega) {
    int n = arm.joints();
    if (omega.length != steps * n) {
      throw new IllegalArgumentException("omega holds " + omega.length + " values, expected "
          + steps + " x " + n);
    }
    double[] angles = arm.integrate(omega, steps);
    boolean clipped = false;
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < n; k++) {
        double a = angles[t * n + k];
        double c = safeLimits[k].clamp(a);
        clipped |= c != a;
        angles[t * n + k] = c;
      }
    }
    return new MotionTask(steps, n, omega, angles, arm.endEffector(angles, steps), clipped);
  }

  /**
   * Smooths a walk: pad {@code w - 1} zeros in front and the mirrored last {@code w - 1} samples
   * behind, correlate with the window (valid part), keep the centred {@code steps} samples.
   */
  double[] smooth(double[] x) {
    int w = window.length;
    int len = x.length;
    int pad = w - 1;
    double[] padded = new double[pad + len + pad];
    System.arraycopy(x, 0, padded, pad, len);
    for (int k = 0; k < pad; k++) {
      padded[pad + len + k] = x[Math.max(0, len - 1 - k)];
    }
    int start = w / 2;
    double[] out = new double[len];
    for (int t = 0; t < len; t++) {
      double s = 0;
      int base = start + t;
      for (int m = 0; m < w; m++) {
        s += padded[base + m] * window[m];
      }
      out[t] = s;
    }
    return out;
  }

  /** The periodic Hann window of length n, normalised to sum 1. */
  static double[] hann(int n) {
    if (n == 1) {
      return new double[] {1.0};
    }
    double[] w = new double[n];
    double sum = 0;
    for (int m = 0; m < n; m++) {
      w[m] = 0.5 - 0.5 * Math.cos(2 * Math.PI * m / n);
      sum += w[m];
    }
    for (int m = 0; m < n; m++) {
      w[m] /= sum;
    }
    return w;
  }
}
