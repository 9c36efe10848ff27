package io.engram.benchmarks;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.bench.ClockedTrainee;
import io.engram.config.EngramConfig;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.learning.Adaptation;
import io.engram.learning.NaturalEpropParameters;
import io.engram.snn.ClockEncoder;
import io.engram.snn.LearningSignalGenerator;
import io.engram.snn.NetworkParameters;
import io.engram.snn.TargetBitEncoder;
import io.engram.snn.Trainee;
import io.engram.snn.TrialRecord;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one-shot inner loop on one sampled task with the released meta-parameters, float weights:
 * {@code innerLoop} reprograms the trainee, runs the training trial, the LSG and the update, then
 * the test trial. {@code traineeTrial} (one 249-step trial of the controller) is the baseline the
 * others are reported against; {@code lsgTrial} is the learning-signal generator alone and {@code
 * traineeStep} one control step (run it with {@code -prof gc}: it must not allocate).
 *
 * <p>Needs {@code ortner2025-robot-meta.npz}: from {@code -Dengram.reference.dir=DIR}, else the
 * nearest {@code shared/reference} beside the working directory or one of its ancestors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InnerLoopBenchmark {

  private static final String BUNDLE = "ortner2025-robot-meta.npz";

  private MetaParameters meta;
  private InnerLoopEvaluation evaluation;
  private Trainee trainee;
  private LearningSignalGenerator lsg;
  private MotionTask task;
  private ClockedTrainee controller;

  @Setup
  public void setUp() throws IOException {
    EngramConfig config = EngramConfig.defaults();
    meta = MetaParameterBundle.read(locateBundle(), BundleLayout.of(config.network()), true);
    evaluation =
        InnerLoopEvaluation.floatNaturalEprop(config, meta, NaturalEpropParameters.of(config.learning()));
    trainee = evaluation.newTrainee();
    task = TaskFamily.of(config).sample(1, 1).get(0);
    lsg =
        LearningSignalGenerator.create(
            NetworkParameters.learningSignalGenerator(config.network()),
            meta.lsgInput(),
            meta.lsgRecurrent(),
            meta.lsgReadout(),
            ClockEncoder.of(config.network().clock()),
            TargetBitEncoder.of(config.network().targetEncoding()));
    controller = new ClockedTrainee(evaluation.newTrainee(), task.steps());
  }

  /** Reprogram, training trial, LSG, update, test trial. */
  @Benchmark
  public TrialRecord innerLoop() {
    trainee.network().program(meta.traineeInput(), meta.traineeRecurrent());
    Adaptation adaptation = evaluation.rule().adapt(trainee, task);
    if (adaptation.cellsWritten() == 0) {
      throw new IllegalStateException("the update wrote nothing");
    }
    return trainee.run(task.steps(), null);
  }

  /** Baseline: one trial of the trainee on the clock. */
  @Benchmark
  public TrialRecord traineeTrial() {
    return trainee.run(task.steps(), null);
  }

  /** The learning-signal generator on the task's target. */
  @Benchmark
  public TrialRecord lsgTrial() {
    return lsg.generate(task.xyz(), task.steps());
  }

  /** One control step of the trainee (the state restarts every trial). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double traineeStep() {
    return controller.step();
  }

  static Path locateBundle() {
    String dir = System.getProperty("engram.reference.dir");
    if (dir != null) {
      return require(Paths.get(dir).resolve(BUNDLE));
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("reference").resolve(BUNDLE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "skipped: "
            + BUNDLE
            + " not found in shared/reference beside the working directory or its ancestors;"
            + " pass -Dengram.reference.dir=DIR (a JVM argument of the fork: -jvmArgs)");
  }

  private static Path require(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("skipped: " + file + " does not exist");
    }
    return file;
  }
}
