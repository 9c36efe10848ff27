package io.engram.session;

import io.engram.config.ControlConfig;
import io.engram.control.LoopResult;
import io.engram.control.TraineeController;
import io.engram.evaluation.TaskOutcome;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskMetrics;
import java.util.Arrays;

/**
 * Compares the paths of a performed trial with the target, period by period: loop period p ends
 * after network step {@code (p + 1) x stepsPerPeriod - 1}, whose target it is compared with.
 */
final class PathComparison {

  private PathComparison() {}

  static TrialReport report(TaskOutcome learning, TraineeController controller,
      ControlConfig control, ArmModel arm, LoopResult loop) {
    MotionTask task = learning.task();
    int periods = controller.periodsRecorded();
    int outputs = arm.joints();
    double[] commanded = arm.endEffector(
        Arrays.copyOf(controller.commandedPath(), periods * outputs), periods);
    double[] measuredAngles = Arrays.copyOf(controller.measuredPath(), periods * outputs);
    double[] measured = arm.endEffector(measuredAngles, periods);
    double[] target = new double[periods * 3];
    int stepsPerPeriod = control.stepsPerPeriod();
    for (int p = 0; p < periods; p++) {
      int t = Math.min(task.steps() - 1, (p + 1) * stepsPerPeriod - 1);
      System.arraycopy(task.xyz(), 3 * t, target, 3 * p, 3);
    }
    return new TrialReport(learning,
        TaskMetrics.meanDistanceCm(commanded, target, periods), TaskMetrics.meanDistanceCm(measured, target, periods),
        TaskMetrics.meanDistanceCm(measured, commanded, periods), periods, target, commanded, measured,
        measuredAngles,
        controller.velocityScalings(), controller.positionClamps(), loop);
  }
}
