package io.engram.bridge.hardware;

/**
 * The latest measured state of one named joint, in SI units and kinematic angles: position (rad
 * from home), velocity (rad/s) and effort (motor current, A), with status flags and the time it
 * was measured. Written by {@link HardwareInterface#read}, read by controllers.
 */
public final class JointStateHandle {

  /** The joint's motor is enabled (holding or driving). */
  public static final int ENABLED = 1;
  /** The joint is at its lower mechanical limit. */
  public static final int AT_LOWER_LIMIT = 1 << 1;
  /** The joint is at its upper mechanical limit. */
  public static final int AT_UPPER_LIMIT = 1 << 2;
  /** The controller clamped the joint's velocity set-point to its limit. */
  public static final int VELOCITY_CLAMPED = 1 << 3;
  /** The joint's controller reports a fault. */
  public static final int FAULT = 1 << 4;

  private final String name;
  private double position;
  private double velocity;
  private double effort;
  private int flags;
  private long stampNanos;

  JointStateHandle(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Joint angle (rad) from home. */
  public double position() {
    return position;
  }

  /** Joint velocity (rad/s). */
  public double velocity() {
    return velocity;
  }

  /** Motor current (A). */
  public double effort() {
    return effort;
  }

  public int flags() {
    return flags;
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** {@link System#nanoTime()} when this sample arrived. */
  public long stampNanos() {
    return stampNanos;
  }

  void set(double position, double velocity, double effort, int flags, long stampNanos) {
    this.position = position;
    this.velocity = velocity;
    this.effort = effort;
    this.flags = flags;
    this.stampNanos = stampNanos;
  }

  @Override
  public String toString() {
    return String.format("%s: %.4f rad, %.4f rad/s, %.3f A, flags 0x%x", name, position, velocity,
        effort, flags);
  }
}
