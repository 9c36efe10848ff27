package io.engram.control;

import java.util.Arrays;

/**
 * Brings every joint home (angle 0) with a proportional velocity command, capped at a homing
 * speed, and is done once every joint has stayed within the home tolerance for a few periods, or
 * gives up after a number of periods. Does not allocate.
 */
public final class HomingController implements LoopController {

  /** Periods in a row every joint must stay at home. */
  private static final int SETTLE_PERIODS = 5;

  private final double gainPerS;
  private final double maxSpeed;
  private final double tolerance;
  private final int maxPeriods;
  private int periods;
  private int settled;
  private boolean homed;

  /**
   * @param gainPerS proportional gain (1/s)
   * @param maxSpeed homing speed cap (rad/s)
   * @param tolerance distance from home (rad) that counts as home
   * @param maxPeriods periods before homing gives up
   */
  public HomingController(double gainPerS, double maxSpeed, double tolerance, int maxPeriods) {
    this.gainPerS = gainPerS;
    this.maxSpeed = maxSpeed;
    this.tolerance = tolerance;
    this.maxPeriods = maxPeriods;
  }

  @Override
  public void start() {
    periods = 0;
    settled = 0;
    homed = false;
  }

  @Override
  public boolean update(double[] measured, double[] setPoints) {
    boolean atHome = true;
    for (int j = 0; j < measured.length; j++) {
      double q = measured[j];
      atHome &= Math.abs(q) <= tolerance;
      double v = -gainPerS * q;
      setPoints[j] = Math.max(-maxSpeed, Math.min(maxSpeed, v));
    }
    settled = atHome ? settled + 1 : 0;
    if (settled >= SETTLE_PERIODS) {
      homed = true;
      Arrays.fill(setPoints, 0);
      return true;
    }
    return ++periods >= maxPeriods;
  }

  /** Whether the last run reached home. */
  public boolean homed() {
    return homed;
  }

  /** Whether every angle in {@code measured} is within {@code tolerance} of home. */
  public static boolean atHome(double[] measured, double tolerance) {
    for (double q : measured) {
      if (Math.abs(q) > tolerance) {
        return false;
      }
    }
    return true;
  }
}
