package io.engram.benchmarks;

import io.engram.bench.ControlStepFixture;
import io.engram.config.ConfigNames;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.mqtt.MqttBridge;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandParser;
import io.engram.remote.CommandRouter;
import io.engram.task.TaskFamily;
import io.engram.telemetry.JointSampleRing;
import java.io.IOException;
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

  private ControlStepFixture fixture;

  private MqttBridge bridge;
  private JointSampleRing ring;
  private final JointSampleRing.Visitor discard = (nanos, values, offset, joints) -> {};
  private double[] velocities;
  private long periodNanos;
  private long clock;

  @Setup
  public void setUp() throws IOException {
    EngramConfig config = EngramConfig.defaults();
    fixture = ControlStepFixture.of(config, ConfigNames.parse(CrossbarPreset.class, device).orElseThrow());
    int joints = config.robot().joints().size();

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
    return fixture.loopStep();
  }

  @Benchmark
  public double loopStepWithMqttSink() {
    double r = loopStep();
    clock += periodNanos;
    bridge.joints(clock, fixture.measured(), velocities, fixture.setPoints());
    return r;
  }

  @Benchmark
  public double loopStepWithSampleRing() {
    double r = loopStep();
    clock += periodNanos;
    ring.offer(clock, fixture.measured(), velocities, fixture.setPoints());
    ring.drain(discard);
    return r;
  }

  @Benchmark
  public double networkStep() {
    return fixture.networkStep();
  }
}
