package io.engram.benchmarks;

import io.engram.config.ConfigNames;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.control.ControlStep;
import io.engram.control.LoopStatistics;
import io.engram.control.TraineeController;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.mqtt.MqttBridge;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandParser;
import io.engram.remote.CommandRouter;
import io.engram.session.LearningSetup;
import io.engram.snn.Trainee;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import io.engram.telemetry.JointSampleRing;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One control-loop period without I/O, as the main job runs it: the trainee (random weights, its
 * readout learned from one sampled demonstration) on the crossbar, the safe-range check, the
 * controller's limits and path tracking, and the loop statistics. The joints are a perfect plant
 * (measured angle = integrated set-point), so no link is involved. {@code networkStep} (one
 * network step on the same crossbar) is the baseline; {@code loopStep} must allocate nothing (run
 * with {@code -prof gc}).
 *
 * <p>With telemetry: {@code loopStepWithMqttSink} hands each period's joint sample to the MQTT
 * bridge as the loop does (its clock advancing one loop period per operation, so every sample is
 * due); the bridge is not connected, as with the broker gone, so after its ring fills each sample
 * is dropped and counted. {@code loopStepWithSampleRing} offers each sample to a ring of the same
 * kind and drains it in the same operation, so every sample is copied in and out. Both must
 * allocate nothing more than {@code loopStep}, their baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ControlStepBenchmark {

  @Param({"ideal", "pcm"})
  public String device;

  private TraineeController controller;
  private ControlStep step;
  private LoopStatistics statistics;
  private double[] measured;
  private double[] setPoints;
  private double period;
  private long last;

  private ClockedTrainee baseline;

  private MqttBridge bridge;
  private JointSampleRing ring;
  private final JointSampleRing.Visitor discard = (nanos, values, offset, joints) -> {};
  private double[] velocities;
  private long periodNanos;
  private long clock;

  @Setup
  public void setUp() throws IOException {
    EngramConfig d = EngramConfig.defaults();
    LearningConfig l = d.learning();
    CrossbarPreset preset = ConfigNames.parse(CrossbarPreset.class, device).orElseThrow();
    EngramConfig config = d.withLearning(new LearningConfig(LearningRule.READOUT, l.eta(),
        l.updateQuantum(), l.readout(), l.eprop())).withCrossbar(d.crossbar().withDevice(preset));
    InnerLoopEvaluation learning = LearningSetup.of(config);
    Trainee trainee = learning.newTrainee();
    MotionTask demo = TaskFamily.of(config).sample(1, 1).get(0);
    learning.run(trainee, 0, demo);
    controller = new TraineeController(trainee, config.robot(), config.control());
    controller.start();
    step = new ControlStep(config.robot());
    statistics = new LoopStatistics(config.control().ioPeriodNanos());
    int joints = config.robot().joints().size();
    measured = new double[joints];
    setPoints = new double[joints];
    period = config.control().ioPeriodNanos() * 1e-9;
    last = System.nanoTime();

    baseline = new ClockedTrainee(trainee, config.control().trialSteps());

    velocities = new double[joints];
    periodNanos = config.control().ioPeriodNanos();
    List<String> names = config.robot().joints().stream().map(j -> j.name()).toList();
    // Nothing listens on port 1: the bridge is never connected (and not started here).
    bridge = new MqttBridge(config.mqtt().connectedTo("tcp://127.0.0.1:1", "bench"), "bench", names,
        new CommandRouter(new CommandParser(TaskFamily.of(config))),
        new BundleExchange(config, false, 1 << 20));
    ring = new JointSampleRing(joints, 64, config.control().ioRateHz());
  }

  @TearDown
  public void tearDown() {
    bridge.close();
  }

  @Benchmark
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

  @Benchmark
  public double loopStepWithMqttSink() {
    double r = loopStep();
    clock += periodNanos;
    bridge.joints(clock, measured, velocities, setPoints);
    return r;
  }

  @Benchmark
  public double loopStepWithSampleRing() {
    double r = loopStep();
    clock += periodNanos;
    ring.offer(clock, measured, velocities, setPoints);
    ring.drain(discard);
    return r;
  }

  @Benchmark
  public double networkStep() {
    return baseline.step();
  }
}
