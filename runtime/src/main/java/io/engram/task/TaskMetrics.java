package io.engram.task;

/**
 * Scores a produced joint-velocity trajectory against a task, as the reference does: the produced
 * angles integrate the output from home and are NOT clipped to the safe space; the end-effector
 * target is the task's (possibly clipped) xyz.
 */
public final class TaskMetrics {

  private final ArmModel arm;

  public TaskMetrics(ArmModel arm) {
    this.arm = arm;
  }

  /** The errors of {@code omegaOut} (steps x joints, row-major) on {@code task}. */
  public MotionError measure(MotionTask task, double[] omegaOut) {
    int steps = task.steps();
    int n = task.joints();
    if (n != arm.joints() || omegaOut.length != steps * n) {
      throw new IllegalArgumentException(
          "output of " + omegaOut.length + " values does not fit " + steps + " steps x " + n + " joints");
    }
    double[] xyz = endEffectorPath(omegaOut, steps);
    double[] target = task.xyz();
    double distance = 0;
    double xyzSquares = 0;
    for (int t = 0; t < steps; t++) {
      double dx = xyz[3 * t] - target[3 * t];
      double dy = xyz[3 * t + 1] - target[3 * t + 1];
      double dz = xyz[3 * t + 2] - target[3 * t + 2];
      double sq = dx * dx + dy * dy + dz * dz;
      distance += Math.sqrt(sq);
      xyzSquares += sq;
    }
    double[] rmse = new double[n];
    double omegaSquares = 0;
    double[] omega = task.omega();
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int t = 0; t < steps; t++) {
        double d = omegaOut[t * n + k] - omega[t * n + k];
        s += d * d;
      }
      omegaSquares += s;
      rmse[k] = Math.sqrt(s / steps);
    }
    double loss = 0.5 * omegaSquares / (steps * n) + 0.5 * xyzSquares / (steps * 3);
    return new MotionError(100.0 * distance / steps, rmse, loss);
  }

  /**
   * Mean Euclidean distance (cm) between two end-effector paths of {@code points} points (m, x y z
   * per point); NaN when there are none.
   */
  public static double meanDistanceCm(double[] a, double[] b, int points) {
    if (points == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int p = 0; p < points; p++) {
      double dx = a[3 * p] - b[3 * p];
      double dy = a[3 * p + 1] - b[3 * p + 1];
      double dz = a[3 * p + 2] - b[3 * p + 2];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return 100.0 * sum / points;
  }

  /** The end-effector path (steps x 3, m) of an output, integrated from home without clipping. */
  public double[] endEffectorPath(double[] omegaOut, int steps) {
    return arm.endEffector(arm.integrate(omegaOut, steps), steps);
  }
}
