package io.engram.kinematics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdScorbotEr7KinematicsTest {

  private final EdScorbotEr7Kinematics fk = new EdScorbotEr7Kinematics();

  @Test
  void homeIsTheReferenceToolPoint() {
    double[] xyz = new double[3];
    fk.forward(new double[] {0, 0, 0, 0}, xyz);
    assertArrayEquals(new double[] {0.920, -0.033, 0.3585}, xyz, 1e-12);
  }

  /**
   * (base, shoulder) angles and target xyz of golden-tasks.npz (task, step) rows, float32 values
   * widened to double; the reference computed xyz = FK(q1, q2, 0, 0).
   */
  private static final double[][][] GOLDEN = {
    {{0.0005129920900799334, -0.0009489485528320074},
        {0.9199825525283813, -0.03347194939851761, 0.35767441987991333}}, // task 0, step 0
    {{0.11438330262899399, -0.1817997246980667},
        {0.8959777355194092, -0.1361512541770935, 0.2012040615081787}}, // task 0, step 124
    {{-0.5293492078781128, -0.4193253517150879},
        {0.7456915378570557, 0.39802902936935425, 0.004284418188035488}}, // task 0, step 248
    {{-2.268928050994873, -0.7897526025772095},
        {-0.4005662202835083, 0.5287151336669922, -0.2593558430671692}}, // task 1, step 200
    {{-1.1520437002182007, 1.2217304706573486},
        {0.1714729517698288, 0.30410894751548767, 1.176032543182373}}, // task 2, step 248
    {{0.23085665702819824, -0.08827376365661621},
        {0.8847447037696838, -0.24185606837272644, 0.2818015217781067}}, // task 3, step 60
    {{-0.23389773070812225, -0.04908520728349686},
        {0.901577889919281, 0.18088491261005402, 0.31581300497055054}}, // task 4, step 180
    {{-1.9970054626464844, -0.29954904317855835},
        {-0.3342839181423187, 0.8160637021064758, 0.1017722561955452}}, // task 5, step 248
  };

  @Test
  void reproducesGoldenTaskPositions() {
    double[] xyz = new double[3];
    for (double[][] row : GOLDEN) {
      fk.forward(row[0], xyz);
      assertArrayEquals(row[1], xyz, 1e-6, () -> "q = " + row[0][0] + ", " + row[0][1]);
    }
  }

  @Test
  void missingTrailingJointsAreAtHome() {
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      double q1 = random.nextGaussian();
      double q2 = random.nextGaussian();
      assertArrayEquals(fk.position(q1, q2, 0, 0), fk.position(q1, q2), 0.0);
    }
  }

  @Test
  void baseRotatesTheToolPointAboutTheVerticalAxis() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      double[] q = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] before = fk.position(q);
      double dq = random.nextGaussian();
      q[0] += dq;
      double[] after = fk.position(q);
      // q1 enters as -(q1 + h1): a positive base step turns the arm clockwise seen from above.
      double c = Math.cos(-dq);
      double s = Math.sin(-dq);
      assertEquals(c * before[0] - s * before[1], after[0], 1e-12);
      assertEquals(s * before[0] + c * before[1], after[1], 1e-12);
      assertEquals(before[2], after[2], 1e-12);
    }
  }

  @Test
  void reachNeverExceedsTheSumOfTheLinks() {
    Random random = new Random(3);
    double bound = Math.hypot(EdScorbotEr7Kinematics.A1 + EdScorbotEr7Kinematics.A2
            + EdScorbotEr7Kinematics.A3 + EdScorbotEr7Kinematics.A4,
        EdScorbotEr7Kinematics.D2 + EdScorbotEr7Kinematics.D3);
    for (int i = 0; i < 1000; i++) {
      double[] p = fk.position(4 * random.nextGaussian(), 4 * random.nextGaussian(),
          4 * random.nextGaussian(), 4 * random.nextGaussian());
      double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + Math.pow(p[2] - EdScorbotEr7Kinematics.D1, 2));
      assertTrue(r <= bound + 1e-12, "reach " + r + " beyond " + bound);
    }
  }

  @Test
  void forwardDoesNotAllocate() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] q = {0.3, -0.2, 0.1, 0.05};
    double[] xyz = new double[3];
    for (int i = 0; i < 20_000; i++) {
      q[0] = i * 1e-4;
      fk.forward(q, xyz);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      q[0] = i * 1e-4;
      fk.forward(q, xyz);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // Allocating even one small array per call would show as several megabytes.
    assertTrue(allocated < 16_384, allocated + " bytes allocated over 100000 calls");
  }
}
