package io.engram.bridge.dynamixel;

/**
 * Conversions between X-series register units and SI: velocity in 0.229 rpm, current in 2.69 mA;
 * positions use the joint's own counts per degree (4096 per revolution on an XM430).
 */
public final class DynamixelUnits {
  private DynamixelUnits() {}

  /** Radians per second of one Goal/Present Velocity unit (0.229 rpm). */
  public static final double RAD_PER_S_PER_VELOCITY_UNIT = 0.229 * 2 * Math.PI / 60.0;
  /** Amperes of one Present Current unit (2.69 mA). */
  public static final double AMPERE_PER_CURRENT_UNIT = 2.69e-3;
  /** Counts per degree of a 4096-per-revolution encoder. */
  public static final double XM430_COUNTS_PER_DEGREE = 4096.0 / 360.0;

  /** The nearest velocity register value to {@code radPerS}. */
  public static int velocityUnits(double radPerS) {
    return (int) Math.round(radPerS / RAD_PER_S_PER_VELOCITY_UNIT);
  }

  public static double radPerS(int velocityUnits) {
    return velocityUnits * RAD_PER_S_PER_VELOCITY_UNIT;
  }

  public static double amperes(int currentUnits) {
    return currentUnits * AMPERE_PER_CURRENT_UNIT;
  }

  public static int currentUnits(double amperes) {
    return (int) Math.round(amperes / AMPERE_PER_CURRENT_UNIT);
  }
}
