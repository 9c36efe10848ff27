package io.engram.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JointConfigTest {

  private static JointConfig joint(double countsPerDegree, int direction, long home) {
    return new JointConfig("j", 1, AngleRange.symmetricDegrees(180), AngleRange.symmetricDegrees(90),
        1.0, countsPerDegree, direction, home);
  }

  @Test
  void encoderCountsAgainstTheKinematicAngle() {
    JointConfig base = RobotConfig.edScorbotEr7().joint("base");
    assertEquals(-31, base.radiansToCounts(Math.toRadians(10)));
    assertEquals(Math.toRadians(-10), base.countsToRadians(31.428), 1e-12);
    assertEquals(Math.toRadians(10), base.countsToRadians(-31.428), 1e-12);
  }

  @Test
  void homeOffsetIsTheReadingAtAngleZero() {
    JointConfig servo = joint(4096 / 360.0, 1, 2048);
    assertEquals(2048, servo.radiansToCounts(0));
    assertEquals(3072, servo.radiansToCounts(Math.PI / 2));
    assertEquals(-Math.PI / 2, servo.countsToRadians(1024), 1e-12);
  }

  @Test
  void countsRoundTripWithinHalfACount() {
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      JointConfig j = joint(0.5 + 20 * random.nextDouble(), random.nextBoolean() ? 1 : -1,
          random.nextInt(10_000) - 5000);
      double rad = (random.nextDouble() - 0.5) * 2 * Math.PI;
      long counts = j.radiansToCounts(rad);
      double back = j.countsToRadians(counts);
      assertEquals(rad, back, 0.5 / (j.countsPerDegree() * 180 / Math.PI) + 1e-12);
      assertEquals(counts, j.radiansToCounts(back));
    }
  }

  @Test
  void ratesConvertWithoutOffset() {
    JointConfig j = joint(10, -1, 500);
    double rate = j.radiansPerSecondToCountRate(1.0);
    assertEquals(-10 * 180 / Math.PI, rate, 1e-9);
    assertEquals(1.0, j.countRateToRadiansPerSecond(rate), 1e-15);
  }

  @Test
  void rejectsImpossibleJoints() {
    assertThrows(IllegalArgumentException.class, () -> joint(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> joint(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new JointConfig("j", 1,
        AngleRange.symmetricDegrees(45), AngleRange.symmetricDegrees(90), 1, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> AngleRange.degrees(10, -10));
  }
}
