package io.engram.config;

/**
 * Units and mode of Dynamixel X-series servos (used with {@link WireProtocol#DYNAMIXEL2}).
 *
 * <p>Position resolution is a joint property ({@link JointConfig#countsPerDegree()}, 4096 counts
 * per revolution on the X series).
 *
 * @param velocityUnitRpm revolutions per minute of one Goal/Present Velocity unit
 * @param currentUnitMa milliamperes of one Present Current unit
 * @param operatingMode how joints are commanded
 */
public record DynamixelConfig(
    double velocityUnitRpm, double currentUnitMa, DynamixelOperatingMode operatingMode) {

  public DynamixelConfig {
    if (!(velocityUnitRpm > 0) || !(currentUnitMa > 0)) {
      throw new IllegalArgumentException("Dynamixel units must be positive");
    }
    java.util.Objects.requireNonNull(operatingMode, "operatingMode");
  }

  /** X-series units (XM430-W350 and relatives): 0.229 rpm, 2.69 mA, velocity control. */
  public static DynamixelConfig xSeries() {
    return new DynamixelConfig(0.229, 2.69, DynamixelOperatingMode.VELOCITY);
  }

  /** Angular velocity (rad/s) of one velocity unit. */
  public double radiansPerSecondPerUnit() {
    return velocityUnitRpm * 2 * Math.PI / 60.0;
  }
}
