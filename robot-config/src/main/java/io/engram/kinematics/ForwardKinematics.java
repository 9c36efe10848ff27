package io.engram.kinematics;

/**
 * Forward kinematics of an arm: joint angles (radians, kinematic convention, home = 0) to the
 * end-effector position (metres, base frame).
 *
 * <p>{@link #forward(double[], double[])} must not allocate, so it can run inside the control
 * step. Joints beyond {@code q.length} are taken at home (0 rad): a controller that drives only
 * the first joints can pass a shorter array.
 */
public interface ForwardKinematics {

  /** Number of leading joint angles that move the end effector. */
  int jointCount();

  /**
   * Writes the end-effector position for joint angles {@code q} into {@code xyzOut[0..2]}.
   *
   * @param q joint angles in radians, kinematic order; missing trailing joints are at home
   * @param xyzOut receives x, y, z in metres; length at least 3
   */
  void forward(double[] q, double[] xyzOut);

  /** Convenience form of {@link #forward(double[], double[])} that allocates its result. */
  default double[] position(double... q) {
    double[] xyz = new double[3];
    forward(q, xyz);
    return xyz;
  }

  /** Angle {@code i} of {@code q}, or home (0) when {@code q} is shorter. */
  static double angle(double[] q, int i) {
    return i < q.length ? q[i] : 0.0;
  }
}
