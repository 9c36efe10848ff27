package io.engram.config;

import io.engram.kinematics.EdScorbotEr7Kinematics;
import io.engram.kinematics.ForwardKinematics;
import io.engram.kinematics.PlanarTwoLinkKinematics;

/** The forward-kinematics models a configuration can name. */
public enum KinematicModel {
  /** {@link EdScorbotEr7Kinematics}. */
  ED_SCORBOT_ER7,
  /** {@link PlanarTwoLinkKinematics}. */
  PLANAR_2LINK;

  /** The model of {@code kinematics}. */
  public static KinematicModel of(ForwardKinematics kinematics) {
    if (kinematics instanceof EdScorbotEr7Kinematics) {
      return ED_SCORBOT_ER7;
    }
    if (kinematics instanceof PlanarTwoLinkKinematics) {
      return PLANAR_2LINK;
    }
    throw new IllegalArgumentException("no configuration name for " + kinematics);
  }
}
