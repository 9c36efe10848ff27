package io.engram.session;

import io.engram.control.LoopResult;
import io.engram.evaluation.TaskOutcome;
import io.engram.task.MotionTask;

/**
 * One demonstration learned and performed on the arm.
 *
 * <p>The learning outcome (errors before and after, by the reference's metric: the network's
 * output integrated from home, unclipped) comes from the inner loop; the arm errors compare paths the arm was given or took with the target, per
 * loop period: the commanded path (the network's motion after the velocity and position limits)
 * and the measured path (the joint sensors while the arm moved). Paths are end-effector positions
 * (m), row-major x, y, z.
 *
 * @param learning the inner loop on the demonstration: errors and outputs before and after
 * @param commandedErrorCm mean distance of the commanded path from the target (cm)
 * @param measuredErrorCm mean distance of the measured path from the target (cm)
 * @param trackingErrorCm mean distance of the measured path from the commanded path (cm)
 * @param periodsPerformed loop periods whose measured position was recorded
 * @param targetPath target end-effector path at each performed period
 * @param commandedPath commanded end-effector path
 * @param measuredPath measured end-effector path
 * @param measuredAngles the measured angles of the driven joints it comes from (rad), periods x
 *     driven joints, row-major
 * @param velocityScalings periods whose commanded velocity was scaled to the limits
 * @param positionClamps periods whose command was cut at the safe range
 * @param loop how the control loop ran
 */
public record TrialReport(
    TaskOutcome learning,
    double commandedErrorCm,
    double measuredErrorCm,
    double trackingErrorCm,
    int periodsPerformed,
    double[] targetPath,
    double[] commandedPath,
    double[] measuredPath,
    double[] measuredAngles,
    long velocityScalings,
    long positionClamps,
    LoopResult loop) {

  /** The demonstration's number in the session. */
  public int index() {
    return learning.index();
  }

  /** The target motion. */
  public MotionTask demonstration() {
    return learning.task();
  }

  /** Whether the whole motion was performed. */
  public boolean completed() {
    return loop.completed();
  }
}
