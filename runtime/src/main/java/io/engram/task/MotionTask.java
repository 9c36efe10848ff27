package io.engram.task;

/**
 * One target motion of the driven joints, and so one demonstration: per step, the joint angular
 * velocities (rad/s), the joint angles (rad) and the end-effector position (m), row-major. {@code
 * clipped} tells that the angles hit the safe-space limits, so that {@code angles} (and {@code
 * xyz}) no longer follow from integrating {@code omega}. The arrays are shared, not copied:
 * treat them as read-only.
 */
public record MotionTask(int steps, int joints, double[] omega, double[] angles, double[] xyz, boolean clipped) {

  /** Coordinates per end-effector position. */
  public static final int COORDINATES = 3;

  public MotionTask {
    if (steps <= 0 || joints <= 0) {
      throw new IllegalArgumentException("steps and joints must be positive");
    }
    requireLength("omega", omega, steps * joints);
    requireLength("angles", angles, steps * joints);
    requireLength("xyz", xyz, steps * COORDINATES);
  }

  /** Target angular velocity of {@code joint} at step {@code t}. */
  public double omega(int t, int joint) {
    return omega[t * joints + joint];
  }

  private static void requireLength(String name, double[] a, int n) {
    if (a.length != n) {
      throw new IllegalArgumentException(name + " holds " + a.length + " values, expected " + n);
    }
  }
}
