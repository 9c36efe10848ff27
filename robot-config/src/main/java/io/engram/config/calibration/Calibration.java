package io.engram.config.calibration;

import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A calibration file's content: which robot it was made for, when, and the results of a joint
 * calibration, a crossbar calibration, or both (docs/calibration.md describes the file).
 *
 * @param formatVersion the file format's version, {@link #FORMAT_VERSION}
 * @param robotId the {@code robot.id} of the configuration it was made with
 * @param created when the file was last written (the newer of its parts)
 * @param joints the joint calibration, if one was made
 * @param crossbar the crossbar calibration, if one was made
 */
public record Calibration(
    int formatVersion,
    String robotId,
    Instant created,
    Optional<JointCalibration> joints,
    Optional<CrossbarCalibration> crossbar) {

  /** The format version this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public Calibration {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(joints, "joints");
    Objects.requireNonNull(crossbar, "crossbar");
    if (robotId.isBlank()) {
      throw new IllegalArgumentException("a calibration needs the robot id it was made for");
    }
  }

  /** A calibration of the current format holding only {@code joints}. */
  public static Calibration ofJoints(String robotId, JointCalibration joints) {
    return new Calibration(FORMAT_VERSION, robotId, joints.created(), Optional.of(joints),
        Optional.empty());
  }

  /** A calibration of the current format holding only {@code crossbar}. */
  public static Calibration ofCrossbar(String robotId, CrossbarCalibration crossbar) {
    return new Calibration(FORMAT_VERSION, robotId, crossbar.created(), Optional.empty(),
        Optional.of(crossbar));
  }

  /** This calibration with its joint part replaced (the crossbar part kept). */
  public Calibration withJoints(JointCalibration replacement) {
    Instant newest = later(created, replacement.created());
    return new Calibration(formatVersion, robotId, newest, Optional.of(replacement), crossbar);
  }

  /** This calibration with its crossbar part replaced (the joint part kept). */
  public Calibration withCrossbar(CrossbarCalibration replacement) {
    Instant newest = later(created, replacement.created());
    return new Calibration(formatVersion, robotId, newest, joints, Optional.of(replacement));
  }

  /**
   * {@code robot} with every calibrated joint's home offset, direction and counts per degree
   * replaced by the measured ones; joints the calibration does not name are kept as configured.
   *
   * @throws IllegalArgumentException if the calibration names a joint the robot does not have
   */
  public RobotConfig applyTo(RobotConfig robot) {
    if (joints.isEmpty()) {
      return robot;
    }
    List<JointConfig> corrected = new ArrayList<>(robot.joints());
    for (JointCorrection c : joints.get().joints()) {
      int i = robot.jointIndex(c.name());
      if (i < 0) {
        throw new IllegalArgumentException(
            "the calibration names joint " + c.name() + ", which robot " + robot.id() + " lacks");
      }
      corrected.set(i, c.applyTo(corrected.get(i)));
    }
    return new RobotConfig(robot.id(), corrected, robot.drivenJoints());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
