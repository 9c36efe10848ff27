package io.engram.calibration.crossbar;

import io.engram.bundle.MetaParameters;
import io.engram.calibration.Progress;
import io.engram.config.CrossbarConfig;
import io.engram.config.EngramConfig;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.crossbar.CrossbarArray;
import io.engram.crossbar.CrossbarFactory;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.OutcomeSummary;
import io.engram.evaluation.TaskOutcome;
import io.engram.learning.NaturalEpropParameters;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.task.MotionTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a crossbar calibration buys: the one-shot inner loop on the same tasks, with the same
 * device effects, time to inference and drift compensation, on three chips: one without stuck
 * devices, the configured one with its stuck devices as they are, and the same one with the
 * calibration applied (fault map worked around, per-column affine correction), the calibration
 * made once and applied to every array as a calibration file would be.
 */
public final class FaultCalibrationStudy {

  /**
   * One chip's outcome.
   *
   * @param label what the chip is
   * @param all summary over all tasks
   * @param nonClipped summary over the tasks that do not hit the angle clip
   */
  public record Row(String label, OutcomeSummary all, OutcomeSummary nonClipped) {}

  /**
   * The study.
   *
   * @param rows the chip without stuck devices, uncalibrated with them, calibrated
   * @param calibration the calibration applied in the last row
   */
  public record Result(List<Row> rows, CrossbarCalibrator.Result calibration) {}

  private FaultCalibrationStudy() {}

  /**
   * Runs the study for the crossbar of {@code config} (its stuck-device rates, device effects,
   * time to inference and compensation).
   */
  public static Result run(EngramConfig config, MetaParameters meta, NaturalEpropParameters rule,
      List<MotionTask> tasks, int threads, CrossbarCalibrator.Options options, Progress progress)
      throws InterruptedException {
    CrossbarConfig faulty = config.crossbar();
    CrossbarConfig clean = faulty.withFaultRate(0);
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    CrossbarFactory cleanChip = CrossbarFactory.of(clean);
    CrossbarFactory faultyChip = CrossbarFactory.of(faulty);

    progress.report("calibrating the chip", 0);
    CrossbarArray probe = faultyChip.forNetwork(shape);
    double[] weights = meta.traineeInput().stack(meta.traineeRecurrent().withZeroDiagonal())
        .toArray();
    CrossbarCalibrator.Result cal = new CrossbarCalibrator(options, Clock.systemUTC(),
        Progress.NONE).calibrate(probe, weights);
    CrossbarCalibration file = cal.calibration();

    List<Row> rows = new ArrayList<>();
    progress.report("no stuck devices", 0.1);
    rows.add(evaluate("no stuck devices", config, meta, rule, tasks, threads,
        () -> cleanChip.forNetwork(shape)));
    progress.report("stuck devices, uncalibrated", 0.4);
    rows.add(evaluate("stuck, uncalibrated", config, meta, rule, tasks, threads,
        () -> faultyChip.forNetwork(shape)));
    progress.report("stuck devices, calibrated", 0.7);
    rows.add(evaluate("stuck, calibrated", config, meta, rule, tasks, threads, () -> {
      CrossbarArray a = faultyChip.forNetwork(shape);
      a.applyCalibration(file);
      return a;
    }));
    progress.report("done", 1);
    return new Result(rows, cal);
  }

  private static Row evaluate(String label, EngramConfig config, MetaParameters meta,
      NaturalEpropParameters rule, List<MotionTask> tasks, int threads,
      Supplier<io.engram.synapse.SynapticMatrix> arrays) throws InterruptedException {
    List<TaskOutcome> outcomes = InnerLoopEvaluation.naturalEprop(config, meta, rule, arrays)
        .withInferenceDelay(config.crossbar().tInferenceS())
        .runAll(tasks, threads);
    return new Row(label, OutcomeSummary.of(outcomes),
        OutcomeSummary.of(outcomes.stream().filter(o -> !o.task().clipped()).toList()));
  }
}
