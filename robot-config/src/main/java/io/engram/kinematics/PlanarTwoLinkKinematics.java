package io.engram.kinematics;

/**
 * A planar arm of two revolute joints about z: the tool point moves in the plane z = 0.
 *
 * @param link1M length of the first link (m)
 * @param link2M length of the second link (m)
 */
public record PlanarTwoLinkKinematics(double link1M, double link2M) implements ForwardKinematics {

  public PlanarTwoLinkKinematics {
    if (!(link1M > 0) || !(link2M > 0) || Double.isInfinite(link1M) || Double.isInfinite(link2M)) {
      throw new IllegalArgumentException(
          "link lengths must be positive and finite, got " + link1M + " and " + link2M);
    }
  }

  @Override
  public int jointCount() {
    return 2;
  }

  @Override
  public void forward(double[] q, double[] xyzOut) {
    double q1 = ForwardKinematics.angle(q, 0);
    double q12 = q1 + ForwardKinematics.angle(q, 1);
    xyzOut[0] = link1M * Math.cos(q1) + link2M * Math.cos(q12);
    xyzOut[1] = link1M * Math.sin(q1) + link2M * Math.sin(q12);
    xyzOut[2] = 0.0;
  }
}
