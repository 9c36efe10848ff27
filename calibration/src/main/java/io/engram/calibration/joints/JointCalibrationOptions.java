package io.engram.calibration.joints;

import io.engram.config.calibration.HomingMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a joint calibration moves the arm.
 *
 * @param method {@link HomingMethod#KNOWN_POSE}: the arm starts at {@code knownPoseRad} and one
 *     limit switch gives the scale; {@link HomingMethod#LIMIT_SWITCH}: both limit switches of each
 *     joint give scale and offset, wherever the arm starts
 * @param joints names of the joints to calibrate, in order; empty for the driven joints
 * @param knownPoseRad per joint name, the kinematic angle (rad) it stands at when the calibration
 *     starts (known-pose method); joints not named stand at home (0)
 * @param probeSpeedRadPerS nominal speed of the small probe moves
 * @param probeDuration how long each probe move is commanded
 * @param searchSpeedRadPerS nominal speed of the moves to the limit switches and back home
 * @param settle time allowed for the joint to come to rest before it is read
 * @param samples encoder readings averaged at each rest position
 */
public record JointCalibrationOptions(
    HomingMethod method,
    List<String> joints,
    Map<String, Double> knownPoseRad,
    double probeSpeedRadPerS,
    Duration probeDuration,
    double searchSpeedRadPerS,
    Duration settle,
    int samples) {

  public JointCalibrationOptions {
    Objects.requireNonNull(method, "method");
    joints = List.copyOf(joints);
    knownPoseRad = Map.copyOf(knownPoseRad);
    if (!(probeSpeedRadPerS > 0) || !(searchSpeedRadPerS > 0)) {
      throw new IllegalArgumentException("probe and search speeds must be positive");
    }
    if (probeDuration.isNegative() || probeDuration.isZero() || settle.isNegative()) {
      throw new IllegalArgumentException("probe duration must be positive, settle time >= 0");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("at least one sample per reading");
    }
  }

  /** Both limit switches, driven joints, 1 rad/s searches, 0.3 rad/s probes. */
  public static JointCalibrationOptions defaults() {
    return new JointCalibrationOptions(HomingMethod.LIMIT_SWITCH, List.of(), Map.of(), 0.3,
        Duration.ofMillis(400), 1.0, Duration.ofMillis(300), 20);
  }

  public JointCalibrationOptions withMethod(HomingMethod m) {
    return new JointCalibrationOptions(m, joints, knownPoseRad, probeSpeedRadPerS, probeDuration,
        searchSpeedRadPerS, settle, samples);
  }

  public JointCalibrationOptions withJoints(List<String> names) {
    return new JointCalibrationOptions(method, names, knownPoseRad, probeSpeedRadPerS,
        probeDuration, searchSpeedRadPerS, settle, samples);
  }

  public JointCalibrationOptions withSearchSpeed(double radPerS) {
    return new JointCalibrationOptions(method, joints, knownPoseRad, probeSpeedRadPerS,
        probeDuration, radPerS, settle, samples);
  }
}
