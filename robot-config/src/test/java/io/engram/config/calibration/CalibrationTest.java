package io.engram.config.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.ConfigException;
import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private static Calibration joints(String robot) {
    return Calibration.ofJoints(robot, new JointCalibration(T0, HomingMethod.KNOWN_POSE,
        List.of(new JointCorrection("shoulder", 40, 1, 9.0, 20, 0))));
  }

  @Test
  void appliesCorrectionsToTheNamedJointsOnly() {
    RobotConfig robot = RobotConfig.edScorbotEr7();
    RobotConfig corrected = joints("ed-scorbot-er7").applyTo(robot);
    JointConfig shoulder = corrected.joint("shoulder");
    assertEquals(40, shoulder.homeOffsetCounts());
    assertEquals(1, shoulder.direction());
    assertEquals(9.0, shoulder.countsPerDegree());
    assertEquals(robot.joint("shoulder").limits(), shoulder.limits());
    assertEquals(robot.joint("base"), corrected.joint("base"));
    // The corrected joint converts counts with the measured values.
    assertEquals(Math.toRadians(10), shoulder.countsToRadians(40 + 90), 1e-12);
  }

  @Test
  void rejectsAJointTheRobotLacks() {
    Calibration c = Calibration.ofJoints("x", new JointCalibration(T0, HomingMethod.KNOWN_POSE,
        List.of(new JointCorrection("tail", 0, 1, 1, 0, 0))));
    assertThrows(IllegalArgumentException.class, () -> c.applyTo(RobotConfig.edScorbotEr7()));
  }

  @Test
  void warnsOrFailsOnAnotherRobotAndOnAge() {
    CalibrationPolicy lenient = new CalibrationPolicy(Duration.ofDays(1), false);
    assertEquals(List.of(), CalibrationCheck.check(joints("r"), "c", "r", T0.plusSeconds(3600),
        lenient));
    List<String> both = CalibrationCheck.check(joints("other"), "c", "r",
        T0.plus(Duration.ofDays(3)), lenient);
    assertEquals(2, both.size());
    assertTrue(both.get(0).contains("'other'"), both.get(0));
    assertTrue(both.get(1).contains("3 days old"), both.get(1));
    CalibrationPolicy strict = new CalibrationPolicy(Duration.ofDays(1), true);
    ConfigException e = assertThrows(ConfigException.class, () -> CalibrationCheck.check(
        joints("r"), "cal.yaml", "r", T0.plus(Duration.ofHours(25)), strict));
    assertTrue(e.getMessage().contains("older than the allowed"), e.getMessage());
  }

  @Test
  void keepsTheNewestTimeWhenPartsAreMerged() {
    Calibration c = joints("r");
    CrossbarCalibration x = new CrossbarCalibration(T0.plusSeconds(5), 1, 1, 2, new int[0],
        new int[0], FaultRemedy.NONE, new double[] {1}, new double[] {0}, new double[] {1}, 2, 1,
        0);
    assertEquals(T0.plusSeconds(5), c.withCrossbar(x).created());
    assertEquals(c.joints(), c.withCrossbar(x).joints());
  }
}
