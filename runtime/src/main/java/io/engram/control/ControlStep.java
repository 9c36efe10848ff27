package io.engram.control;

import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;

/**
 * The part of a loop period between reading the joints and writing their set-points, without any
 * I/O: the measured angles are checked against the joints' safe ranges (plus {@link
 * #SAFE_RANGE_MARGIN_RAD}), then the controller runs. Does not allocate.
 */
public final class ControlStep {

  /** How far (rad) a measured joint may be outside its safe range before the arm stops: 2 deg. */
  public static final double SAFE_RANGE_MARGIN_RAD = Math.toRadians(2.0);

  /** What one step found. */
  public enum Result {
    /** The controller wants more periods. */
    CONTINUE,
    /** The controller is done (its set-points are still to be written). */
    DONE,
    /** A joint is out of its safe range: stop the arm, the set-points are zero. */
    OUT_OF_BOUNDS
  }

  private final String[] names;
  private final double[] lowerBound;
  private final double[] upperBound;
  private int offendingJoint = -1;

  /** Steps for the joints of {@code robot}, in its order. */
  public ControlStep(RobotConfig robot) {
    int n = robot.joints().size();
    names = new String[n];
    lowerBound = new double[n];
    upperBound = new double[n];
    for (int j = 0; j < n; j++) {
      JointConfig c = robot.joints().get(j);
      names[j] = c.name();
      lowerBound[j] = c.safeLimits().minRad() - SAFE_RANGE_MARGIN_RAD;
      upperBound[j] = c.safeLimits().maxRad() + SAFE_RANGE_MARGIN_RAD;
    }
  }

  /**
   * One step: zeroes {@code setPoints}, checks {@code measured} when {@code checkBounds}, and runs
   * {@code controller}.
   */
  public Result apply(LoopController controller, double[] measured, double[] setPoints,
      boolean checkBounds) {
    for (int j = 0; j < setPoints.length; j++) {
      setPoints[j] = 0;
    }
    if (checkBounds) {
      for (int j = 0; j < measured.length; j++) {
        if (measured[j] < lowerBound[j] || measured[j] > upperBound[j]) {
          offendingJoint = j;
          return Result.OUT_OF_BOUNDS;
        }
      }
    }
    return controller.update(measured, setPoints) ? Result.DONE : Result.CONTINUE;
  }

  /** The joint the last {@link Result#OUT_OF_BOUNDS} was about. */
  public String offendingJoint() {
    return offendingJoint < 0 ? "" : names[offendingJoint];
  }
}
