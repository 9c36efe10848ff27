package io.engram.bridge.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.EmulatorConfig;
import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatedArmTest {

  private static final long MS = 1_000_000L;

  private static EmulatedArm arm(double noise) {
    return new EmulatedArm(RobotConfig.edScorbotEr7(),
        new EmulatorConfig(Duration.ofMillis(30), noise, 7));
  }

  @Test
  void velocityFollowsTheSetPointWithAFirstOrderLag() {
    EmulatedArm a = arm(0);
    a.advanceTo(0);
    a.command(0, 1.0, true);
    a.advanceTo(30 * MS);
    // After one time constant: 1 - 1/e of the step.
    assertEquals(1 - Math.exp(-1), a.velocity(0), 1e-3);
    a.advanceTo(300 * MS);
    assertEquals(1.0, a.velocity(0), 1e-4);
    // Angle: integral of 1 - exp(-t/tau) over 0.3 s.
    double expected = 0.3 - 0.03 * (1 - Math.exp(-10));
    assertEquals(expected, a.angle(0), 2e-4);
  }

  @Test
  void stopsAtTheMechanicalLimitAndClampsTheVelocity() {
    EmulatedArm a = arm(0);
    JointConfig shoulder = a.joint(1);
    a.advanceTo(0);
    a.command(1, 100.0, true);
    a.advanceTo(5000 * MS);
    assertEquals(shoulder.limits().maxRad(), a.angle(1), 1e-12);
    assertTrue(a.atUpperLimit(1));
    assertTrue(a.velocityClamped(1));
    assertEquals(0, a.velocity(1), 1e-12);
  }

  @Test
  void withoutMotorPowerNothingMoves() {
    EmulatedArm a = arm(0);
    a.advanceTo(0);
    a.motorPower(false);
    a.command(0, 1.0, true);
    a.advanceTo(500 * MS);
    assertEquals(0, a.angle(0), 1e-12);
    assertEquals(0, a.currentMilliAmps(0));
  }

  @Test
  void encoderIsQuantisedToCountsPerDegreeAgainstTheAngle() {
    EmulatedArm a = arm(0);
    a.place(0, Math.toRadians(10));
    // ED-Scorbot base: 3.1428 counts per degree, counting against the kinematic angle.
    assertEquals(-31, a.encoderCounts(0));
    a.place(1, Math.toRadians(-10));
    assertEquals(88, a.encoderCounts(1));
  }

  @Test
  void sensorNoiseIsSeededAndHasTheConfiguredSpread() {
    EmulatedArm a = arm(2.0);
    EmulatedArm b = arm(2.0);
    double sum = 0;
    double sq = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      int c = a.encoderCounts(3);
      assertEquals(c, b.encoderCounts(3));
      sum += c;
      sq += (double) c * c;
    }
    double mean = sum / n;
    double sd = Math.sqrt(sq / n - mean * mean);
    assertEquals(0, mean, 0.1);
    assertEquals(Math.sqrt(4 + 1.0 / 12), sd, 0.1);
  }

  @Test
  void replaysAnExternalMotionOnlyWithMotorsDisabled() {
    EmulatedArm a = arm(0);
    a.advanceTo(0);
    double[][] path = new double[11][6];
    for (int k = 0; k <= 10; k++) {
      path[k][0] = 0.05 * k;
      path[k][1] = -0.02 * k;
    }
    a.replay(path, 10 * MS);
    assertTrue(a.replaying());
    a.advanceTo(55 * MS);
    assertEquals(0.275, a.angle(0), 1e-9);
    assertEquals(5.0, a.velocity(0), 1e-9);
    a.advanceTo(200 * MS);
    assertFalse(a.replaying());
    assertEquals(0.5, a.angle(0), 1e-12);
    assertEquals(-0.2, a.angle(1), 1e-12);

    a.command(0, 0.1, true);
    assertThrows(IllegalStateException.class, () -> a.replay(path, 10 * MS));
  }
}
