package io.engram.bench;

import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.control.ControlStep;
import io.engram.control.LoopStatistics;
import io.engram.control.TraineeController;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.session.LearningSetup;
import io.engram.snn.Trainee;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.io.IOException;
import java.util.Arrays;

/**
 * One control-loop period without I/O, as the main job runs it: the trainee (seeded random
 * weights, its readout learned from one sampled demonstration) on the configured crossbar, the
 * safe-range check, the controller's limits and path tracking, and the loop statistics. The joints
 * are a perfect plant (measured angle = integrated set-point). {@link #networkStep} (one network
 * step on the same crossbar) is the baseline of {@link #loopStep}. Neither allocates.
 */
public final class ControlStepFixture {

  private final TraineeController controller;
  private final ControlStep step;
  private final LoopStatistics statistics;
  private final double[] measured;
  private final double[] setPoints;
  private final double period;
  private final ClockedTrainee network;
  private long last;

  private ControlStepFixture(EngramConfig config) throws IOException {
    LearningConfig l = config.learning();
    EngramConfig readout = config.withLearning(
        new LearningConfig(LearningRule.READOUT, l.eta(), l.updateQuantum(), l.readout(), l.eprop()));
    InnerLoopEvaluation learning = LearningSetup.of(readout);
    Trainee trainee = learning.newTrainee();
    MotionTask demo = TaskFamily.of(readout).sample(1, 1).get(0);
    learning.run(trainee, 0, demo);
    controller = new TraineeController(trainee, readout.robot(), readout.control());
    controller.start();
    step = new ControlStep(readout.robot());
    statistics = new LoopStatistics(readout.control().ioPeriodNanos());
    int joints = readout.robot().joints().size();
    measured = new double[joints];
    setPoints = new double[joints];
    period = readout.control().ioPeriodNanos() * 1e-9;
    network = new ClockedTrainee(trainee, readout.control().trialSteps());
    last = System.nanoTime();
  }

  /** The fixture for {@code config}'s robot and control loop, with the readout rule. */
  public static ControlStepFixture of(EngramConfig config) throws IOException {
    return new ControlStepFixture(config);
  }

  /** The fixture with the trainee's weights on a crossbar of the given preset. */
  public static ControlStepFixture of(EngramConfig config, CrossbarPreset device) throws IOException {
    return new ControlStepFixture(config.withCrossbar(config.crossbar().withDevice(device)));
  }

  /** One period: controller step, limits, plant, statistics; returns the first set-point. */
  public double loopStep() {
    long start = System.nanoTime();
    ControlStep.Result r = step.apply(controller, measured, setPoints, true);
    if (r != ControlStep.Result.CONTINUE) {
      controller.start();
      Arrays.fill(measured, 0);
    } else {
      for (int j = 0; j < measured.length; j++) {
        measured[j] += setPoints[j] * period;
      }
    }
    long now = System.nanoTime();
    statistics.period(start - last);
    statistics.iteration(now - start);
    last = start;
    return setPoints[0];
  }

  /** The baseline: one step of the trainee's network on its clock. */
  public double networkStep() {
    return network.step();
  }

  /** The plant's joint angles (read by telemetry benchmarks; do not modify). */
  public double[] measured() {
    return measured;
  }

  /** The last period's set-points (read by telemetry benchmarks; do not modify). */
  public double[] setPoints() {
    return setPoints;
  }
}
