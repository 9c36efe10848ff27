package io.engram.config;

import java.util.List;
import java.util.Objects;

/**
 * The arm: its joints in kinematic order and which of them the network drives.
 *
 * <p>Network output {@code k} commands the angular velocity of joint {@code drivenJoints.get(k)};
 * every other joint holds home. Cross-checks (unique names, driven joints that exist) are made by
 * {@link ConfigConsistency} so a configuration file reports them with their lines.
 *
 * @param id robot name, used in MQTT topics and client ids
 * @param joints joints in kinematic order (joint 0 is the base)
 * @param drivenJoints names of the joints driven by network outputs 0, 1, ...
 */
public record RobotConfig(String id, List<JointConfig> joints, List<String> drivenJoints) {

  public RobotConfig {
    Objects.requireNonNull(id, "id");
    joints = List.copyOf(joints);
    drivenJoints = List.copyOf(drivenJoints);
  }

  /** Index of the joint called {@code name} in {@link #joints()}, or -1. */
  public int jointIndex(String name) {
    for (int i = 0; i < joints.size(); i++) {
      if (joints.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The joint called {@code name}. */
  public JointConfig joint(String name) {
    int i = jointIndex(name);
    if (i < 0) {
      throw new IllegalArgumentException("robot " + id + " has no joint " + name);
    }
    return joints.get(i);
  }

  /** Joint indices driven by network outputs 0, 1, ... */
  public int[] drivenJointIndices() {
    return drivenJoints.stream().mapToInt(this::jointIndex).toArray();
  }

  /**
   * The ED-Scorbot ER-VII: six joints, encoders counting against the kinematic angle, the network
   * driving base and shoulder.
   *
   * <p>Base to wrist pitch carry the reference robot's limits and encoder resolutions. Wrist roll
   * and gripper are not in the reference data: their values are conservative placeholders to be
   * replaced by a joint calibration before the arm moves them.
   */
  public static RobotConfig edScorbotEr7() {
    return new RobotConfig(
        "ed-scorbot-er7",
        List.of(
            scorbotJoint("base", 1, 155, 130, 3.1428),
            scorbotJoint("shoulder", 2, 85, 70, 8.8247),
            scorbotJoint("elbow", 3, 112.5, 112.5, 3.4044),
            scorbotJoint("wrist-pitch", 4, 90, 90, 17.6116),
            scorbotJoint("wrist-roll", 5, 180, 180, 17.6116),
            scorbotJoint("gripper", 6, 30, 30, 17.6116)),
        List.of("base", "shoulder"));
  }

  private static JointConfig scorbotJoint(
      String name, int busId, double limitDeg, double safeDeg, double countsPerDegree) {
    return new JointConfig(
        name,
        busId,
        AngleRange.symmetricDegrees(limitDeg),
        AngleRange.symmetricDegrees(safeDeg),
        Math.toRadians(ED_SCORBOT_VELOCITY_LIMIT_DEG_S),
        countsPerDegree,
        -1,
        0);
  }

  /**
   * Velocity limit of the ED-Scorbot joints (deg/s). One network step stands for 10 ms of arm
   * motion and advances the angle by 0.01 omega, so the arm turns at omega rad/s; the task family
   * clips omega to pi rad/s, which this limit admits.
   */
  static final double ED_SCORBOT_VELOCITY_LIMIT_DEG_S = 180;
}
