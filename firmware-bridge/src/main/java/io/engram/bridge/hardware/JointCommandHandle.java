package io.engram.bridge.hardware;

/**
 * The velocity set-point (rad/s) a controller gives one named joint; {@link
 * HardwareInterface#write} sends it, after clamping it to the joint's velocity and safe position
 * limits.
 */
public final class JointCommandHandle {
  private final String name;
  private double velocity;

  JointCommandHandle(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public double velocity() {
    return velocity;
  }

  /** Sets the velocity set-point (rad/s); NaN counts as zero. */
  public void velocity(double radPerS) {
    this.velocity = Double.isNaN(radPerS) ? 0 : radPerS;
  }
}
