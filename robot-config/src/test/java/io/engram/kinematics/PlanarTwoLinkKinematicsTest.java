package io.engram.kinematics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanarTwoLinkKinematicsTest {

  private final PlanarTwoLinkKinematics fk = new PlanarTwoLinkKinematics(0.3, 0.2);

  @Test
  void stretchedAlongX() {
    assertArrayEquals(new double[] {0.5, 0, 0}, fk.position(0, 0), 1e-15);
  }

  @Test
  void elbowBentAtRightAngle() {
    assertArrayEquals(new double[] {0.2, 0.3, 0}, fk.position(Math.PI / 2, -Math.PI / 2), 1e-15);
  }

  @Test
  void distanceFromBaseFollowsTheLawOfCosines() {
    Random random = new Random(5);
    for (int i = 0; i < 500; i++) {
      double q1 = 3 * random.nextGaussian();
      double q2 = 3 * random.nextGaussian();
      double[] p = fk.position(q1, q2);
      double expected = Math.sqrt(0.09 + 0.04 + 2 * 0.3 * 0.2 * Math.cos(q2));
      assertEquals(expected, Math.hypot(p[0], p[1]), 1e-12);
      assertEquals(0.0, p[2]);
    }
  }

  @Test
  void rejectsNonPositiveLinks() {
    assertThrows(IllegalArgumentException.class, () -> new PlanarTwoLinkKinematics(0, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new PlanarTwoLinkKinematics(0.3, Double.NaN));
  }
}
