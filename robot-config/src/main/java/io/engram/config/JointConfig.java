package io.engram.config;

import java.util.Objects;

/**
 * One joint of the arm.
 *
 * <p>Angles are kinematic radians (0 = home). The encoder converts as {@code counts =
 * homeOffsetCounts + direction * degrees * countsPerDegree}; direction -1 means the encoder counts
 * against the kinematic angle while {@code countsPerDegree} stays positive.
 *
 * @param name unique joint name, referred to by {@code robot.driven-joints}
 * @param busId address of the joint's motor controller on the link (Dynamixel ID, channel)
 * @param limits mechanical position limits
 * @param safeLimits the range commands and task targets are kept in; inside {@code limits}
 * @param velocityLimitRadPerS largest commanded speed (rad/s), positive
 * @param countsPerDegree encoder counts per degree of joint motion, positive
 * @param direction +1 when encoder counts grow with the kinematic angle, -1 when against it
 * @param homeOffsetCounts encoder reading at the kinematic home (angle 0)
 */
public record JointConfig(
    String name,
    int busId,
    AngleRange limits,
    AngleRange safeLimits,
    double velocityLimitRadPerS,
    double countsPerDegree,
    int direction,
    long homeOffsetCounts) {

  public JointConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(safeLimits, "safeLimits");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a joint needs a name");
    }
    if (!limits.contains(safeLimits)) {
      throw new IllegalArgumentException("joint " + name + ": safe limits must lie inside limits");
    }
    if (!(velocityLimitRadPerS > 0) || Double.isInfinite(velocityLimitRadPerS)) {
      throw new IllegalArgumentException("joint " + name + ": velocity limit must be positive");
    }
    if (!(countsPerDegree > 0) || Double.isInfinite(countsPerDegree)) {
      throw new IllegalArgumentException("joint " + name + ": counts per degree must be positive");
    }
    if (direction != 1 && direction != -1) {
      throw new IllegalArgumentException("joint " + name + ": direction must be +1 or -1");
    }
  }

  /** Signed encoder counts per radian of kinematic angle (includes the direction). */
  public double countsPerRadian() {
    return direction * countsPerDegree * (180.0 / Math.PI);
  }

  /** Kinematic angle (rad) of an encoder reading. */
  public double countsToRadians(double counts) {
    return (counts - homeOffsetCounts) / countsPerRadian();
  }

  /** Encoder reading of a kinematic angle (rad), rounded to the nearest count. */
  public long radiansToCounts(double radians) {
    return homeOffsetCounts + Math.round(radians * countsPerRadian());
  }

  /** Angular velocity (rad/s) of an encoder rate (counts/s). */
  public double countRateToRadiansPerSecond(double countsPerSecond) {
    return countsPerSecond / countsPerRadian();
  }

  /** Encoder rate (counts/s, unrounded) of an angular velocity (rad/s). */
  public double radiansPerSecondToCountRate(double radPerS) {
    return radPerS * countsPerRadian();
  }
}
