package io.engram.config.calibration;

import io.engram.config.JointConfig;
import java.util.Objects;

/**
 * What a joint calibration measured for one joint.
 *
 * @param name the joint's name in the configuration
 * @param homeOffsetCounts encoder reading at the kinematic home (angle 0)
 * @param direction +1 when counts grow with the kinematic angle, -1 when against it
 * @param countsPerDegree encoder counts per degree, positive
 * @param latencyMs time from a velocity command to the first motion the encoder shows (ms); NaN
 *     when not measured
 * @param backlashDeg lost motion on a reversal (deg); NaN when not measured
 */
public record JointCorrection(
    String name,
    long homeOffsetCounts,
    int direction,
    double countsPerDegree,
    double latencyMs,
    double backlashDeg) {

  public JointCorrection {
    Objects.requireNonNull(name, "name");
    if (direction != 1 && direction != -1) {
      throw new IllegalArgumentException("joint " + name + ": direction must be +1 or -1");
    }
    if (!(countsPerDegree > 0) || Double.isInfinite(countsPerDegree)) {
      throw new IllegalArgumentException("joint " + name + ": counts per degree must be positive");
    }
  }

  /** {@code joint} with this correction's home offset, direction and counts per degree. */
  public JointConfig applyTo(JointConfig joint) {
    return new JointConfig(joint.name(), joint.busId(), joint.limits(), joint.safeLimits(),
        joint.velocityLimitRadPerS(), countsPerDegree, direction, homeOffsetCounts);
  }
}
