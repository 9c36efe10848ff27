package io.engram.control;

/**
 * What the control loop runs once per period, between reading the joints and writing their
 * set-points. Implementations keep their state explicitly in preallocated arrays: {@link #update}
 * runs on the loop's thread and must not allocate.
 */
public interface LoopController {

  /** Called once on the loop's thread before the first {@link #update}, outside the timed loop. */
  default void start() {}

  /**
   * One period.
   *
   * @param measured joint angles (rad from home) just read, one per joint in configuration order
   * @param setPoints velocity set-points (rad/s) to fill, one per joint; they arrive zeroed
   * @return whether the controller is done (the loop writes these set-points, then ends)
   */
  boolean update(double[] measured, double[] setPoints);
}
