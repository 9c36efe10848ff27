package io.engram.task;

import io.engram.config.EngramConfig;
import io.engram.kinematics.ForwardKinematics;
import java.util.Arrays;

/**
 * How network outputs become arm motion: driven joint k moves at omega_k, its angle is {@code
 * integrationConstant * cumsum(omega_k)} from home, every other joint holds home, and the
 * end-effector follows by forward kinematics.
 *
 * @param kinematics forward kinematics of the whole arm
 * @param drivenJoints joint index (kinematic order) of each network output
 * @param integrationConstantS arm time per network step (s): angle = this * cumsum(omega)
 */
public record ArmModel(ForwardKinematics kinematics, int[] drivenJoints, double integrationConstantS) {

  public ArmModel {
    drivenJoints = drivenJoints.clone();
    if (!(integrationConstantS > 0) || Double.isInfinite(integrationConstantS)) {
      throw new IllegalArgumentException("integration constant must be positive");
    }
    for (int j : drivenJoints) {
      if (j < 0 || j >= kinematics.jointCount() + 2) {
        throw new IllegalArgumentException("driven joint " + j + " is not an arm joint");
      }
    }
  }

  /** The arm, driven joints and integration constant of a configuration. */
  public static ArmModel of(EngramConfig config) {
    return new ArmModel(
        config.kinematics(),
        config.robot().drivenJointIndices(),
        config.control().integrationConstantS());
  }

  @Override
  public int[] drivenJoints() {
    return drivenJoints.clone();
  }

  /** Number of driven joints (network outputs). */
  public int joints() {
    return drivenJoints.length;
  }

  /** Unclipped angles of the driven joints from home, steps x joints, row-major. */
  public double[] integrate(double[] omega, int steps) {
    int n = joints();
    double[] angles = new double[steps * n];
    double[] sum = new double[n];
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < n; k++) {
        sum[k] += omega[t * n + k];
        angles[t * n + k] = integrationConstantS * sum[k];
      }
    }
    return angles;
  }

  /** End-effector positions (m) for driven-joint angles, steps x 3, row-major. */
  public double[] endEffector(double[] angles, int steps) {
    int n = joints();
    int maxJoint = 0;
    for (int j : drivenJoints) {
      maxJoint = Math.max(maxJoint, j);
    }
    double[] q = new double[maxJoint + 1];
    double[] xyz = new double[steps * 3];
    double[] p = new double[3];
    for (int t = 0; t < steps; t++) {
      Arrays.fill(q, 0.0);
      for (int k = 0; k < n; k++) {
        q[drivenJoints[k]] = angles[t * n + k];
      }
      kinematics.forward(q, p);
      System.arraycopy(p, 0, xyz, t * 3, 3);
    }
    return xyz;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArmModel
        && ((ArmModel) o).kinematics.equals(kinematics)
        && Arrays.equals(((ArmModel) o).drivenJoints, drivenJoints)
        && ((ArmModel) o).integrationConstantS == integrationConstantS;
  }

  @Override
  public int hashCode() {
    return kinematics.hashCode() * 31 + Arrays.hashCode(drivenJoints);
  }

  @Override
  public String toString() {
    return "ArmModel[" + kinematics + ", driven " + Arrays.toString(drivenJoints) + ", " + integrationConstantS + " s]";
  }
}
