package io.engram.config.calibration;

/** How a joint calibration found the encoders' home offsets. */
public enum HomingMethod {
  /** The arm stood at a known pose (home unless given) when the calibration started. */
  KNOWN_POSE,
  /** Each joint was driven to a mechanical limit switch at a known angle. */
  LIMIT_SWITCH
}
