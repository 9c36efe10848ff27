package io.engram.config.calibration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of a joint calibration: per joint, the encoder's home offset, direction and counts
 * per degree as measured, with the latency and backlash found on the way.
 *
 * @param created when the joints were calibrated
 * @param method how the home offsets were found
 * @param joints one correction per calibrated joint, in kinematic order
 */
public record JointCalibration(Instant created, HomingMethod method, List<JointCorrection> joints) {

  public JointCalibration {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(method, "method");
    joints = List.copyOf(joints);
    long names = joints.stream().map(JointCorrection::name).distinct().count();
    if (names != joints.size()) {
      throw new IllegalArgumentException("a joint calibration names each joint once");
    }
  }
}
