package io.engram.benchmarks;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.bench.ClockedTrainee;
import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.ReadNoiseMode;
import io.engram.crossbar.CrossbarFactory;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.learning.NaturalEpropParameters;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.SynapticMatrix;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One control step of the trainee (the released meta-parameters, driven by the clock) with its
 * plastic weights on each kind of synapses: {@code float}, the float model and the baseline;
 * {@code ideal}, the fixed-point crossbar with ideal devices; {@code exact} and {@code fast}, the
 * crossbar with the {@code pcm} devices and read noise per device read or per column. Run it with
 * {@code -prof gc}: no variant may allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CrossbarStepBenchmark {

  @Param({"float", "ideal", "exact", "fast"})
  public String synapses;

  private ClockedTrainee trainee;

  @Setup
  public void setUp() throws IOException {
    EngramConfig config = EngramConfig.defaults();
    MetaParameters meta =
        MetaParameterBundle.read(
            InnerLoopBenchmark.locateBundle(), BundleLayout.of(config.network()), true);
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    Supplier<SynapticMatrix> matrices =
        switch (synapses) {
          case "float" -> () -> new FloatSynapticMatrix(shape.synapticRows(), shape.neurons());
          case "ideal" -> crossbar(CrossbarConfig.forPreset(CrossbarPreset.IDEAL), shape);
          case "exact" -> crossbar(CrossbarConfig.forPreset(CrossbarPreset.PCM), shape);
          case "fast" ->
              crossbar(
                  CrossbarConfig.forPreset(CrossbarPreset.PCM).withReadNoiseMode(ReadNoiseMode.FAST),
                  shape);
          default -> throw new IllegalArgumentException("unknown synapses " + synapses);
        };
    InnerLoopEvaluation evaluation =
        InnerLoopEvaluation.naturalEprop(
            config, meta, NaturalEpropParameters.of(config.learning()), matrices);
    trainee = new ClockedTrainee(evaluation.newTrainee(), config.control().trialSteps());
  }

  private static Supplier<SynapticMatrix> crossbar(CrossbarConfig c, NetworkShape shape) {
    CrossbarFactory factory = CrossbarFactory.of(c);
    return () -> factory.forNetwork(shape);
  }

  /** One control step; the state restarts every trial. */
  @Benchmark
  public double traineeStep() {
    return trainee.step();
  }
}
