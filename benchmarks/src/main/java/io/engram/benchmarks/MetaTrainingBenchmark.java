package io.engram.benchmarks;

import io.engram.config.EngramConfig;
import io.engram.metatraining.BatchGradient;
import io.engram.metatraining.DifferentiableNetwork;
import io.engram.metatraining.InnerLoopModel;
import io.engram.metatraining.InnerLoopSettings;
import io.engram.metatraining.MetaTrainer;
import io.engram.metatraining.MetaTrainingOptions;
import io.engram.metatraining.MetaWeights;
import io.engram.metatraining.SpikeFunction;
import io.engram.metatraining.VelocityCodedLsg;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.TargetBitEncoder;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Meta-training per task: the meta-gradient of a batch of {@value #BATCH} tasks (forward and
 * backward through training trial, LSG, update and test trial), in milliseconds per task.
 *
 * <ul>
 *   <li>{@code metaGradient}: the event-driven passes of meta-training, on one thread;
 *   <li>{@code denseBaseline}: the same computation with dense passes (every matrix-vector
 *       product over all rows, as a dense float framework computes it), on one thread: the
 *       baseline;
 *   <li>{@code metaGradientAllCores}: the event-driven passes with the tasks on a pool of every
 *       available processor, as {@code engram meta-train} runs them;
 *   <li>{@code metaGradientLsgFrozen}, {@code metaGradientLsgFrozenAllCores}: the same with the
 *       LSG's input and recurrent weights frozen ({@code --frozen W_in_lsg,W_rec_lsg}), whose
 *       backward pass stops at the LSG readout;
 *   <li>{@code metaGradientLsgMixing}, {@code metaGradientLsgMixingAllCores} ({@code sizes=small}
 *       only): the LSG's readout and the weights into its mixing neurons trained ({@code
 *       --train-lsg-mixing}), whose backward pass covers the readout and the mixing population.
 * </ul>
 *
 * Sizes: {@code sizes=small} is the default bundle's networks (trainee 250, LSG 394 LIF) from the constructed start the default bundle was trained from, {@code reference} the
 * paper's (250, 800) from a random start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class MetaTrainingBenchmark {

  static final int BATCH = 8;

  @Param({"small"})
  public String sizes;

  private MetaWeights weights;
  private List<MotionTask> tasks;
  private long[] seeds;
  private BatchGradient sparse;
  private BatchGradient dense;
  private BatchGradient parallel;
  private BatchGradient frozen;
  private BatchGradient frozenParallel;
  private BatchGradient mixing;
  private BatchGradient mixingParallel;
  private ExecutorService pool;

  static EngramConfig config(String sizes) {
    EngramConfig c = EngramConfig.defaults();
    if (sizes.equals("reference")) {
      return c;
    }
    return c.withNetwork(c.network().withSizes(250, 394, 0));
  }

  static InnerLoopModel model(EngramConfig config, boolean denseNets) {
    return new InnerLoopModel(
        new DifferentiableNetwork(NetworkParameters.trainee(config.network()), SpikeFunction.HEAVISIDE, denseNets),
        new DifferentiableNetwork(NetworkParameters.learningSignalGenerator(config.network()), SpikeFunction.HEAVISIDE, denseNets),
        ClockEncoder.of(config.network().clock()),
        TargetBitEncoder.of(config.network().targetEncoding()),
        ArmModel.of(config),
        InnerLoopSettings.reference(),
        TaskFamily.of(config).steps());
  }

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    EngramConfig config = config(sizes);
    int cores = Runtime.getRuntime().availableProcessors();
    MetaTrainer trainer = new MetaTrainer(config, InnerLoopSettings.reference(),
        MetaTrainingOptions.of(1, BATCH, 1, cores), Map.of());
    weights = sizes.equals("reference") ? trainer.initialWeights() : trainer.constructedWeights(16);
    tasks = TaskFamily.of(config).sample(BATCH, 5);
    seeds = new long[BATCH];
    for (int i = 0; i < BATCH; i++) {
      seeds[i] = i;
    }
    pool = Executors.newFixedThreadPool(cores);
    sparse = new BatchGradient(model(config, false), null);
    dense = new BatchGradient(model(config, true), null);
    parallel = new BatchGradient(model(config, false), pool);
    frozen = new BatchGradient(model(config, false).withLsgHiddenFrozen(), null);
    frozenParallel = new BatchGradient(model(config, false).withLsgHiddenFrozen(), pool);
    if (!sizes.equals("reference")) {
      int firstMixer = VelocityCodedLsg.standard().fixedNeurons(config.network().targetEncoding().bits());
      mixing = new BatchGradient(model(config, false).withLsgTrainedFrom(firstMixer), null);
      mixingParallel = new BatchGradient(model(config, false).withLsgTrainedFrom(firstMixer), pool);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result metaGradient() throws InterruptedException {
    return sparse.compute(weights, tasks, seeds);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result denseBaseline() throws InterruptedException {
    return dense.compute(weights, tasks, seeds);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result metaGradientAllCores() throws InterruptedException {
    return parallel.compute(weights, tasks, seeds);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result metaGradientLsgFrozen() throws InterruptedException {
    return frozen.compute(weights, tasks, seeds);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result metaGradientLsgFrozenAllCores() throws InterruptedException {
    return frozenParallel.compute(weights, tasks, seeds);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result metaGradientLsgMixing() throws InterruptedException {
    return mixingOnly(mixing).compute(weights, tasks, seeds);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchGradient.Result metaGradientLsgMixingAllCores() throws InterruptedException {
    return mixingOnly(mixingParallel).compute(weights, tasks, seeds);
  }

  private BatchGradient mixingOnly(BatchGradient g) {
    if (g == null) {
      throw new UnsupportedOperationException("the mixing population exists in the constructed LSG only: use sizes=small");
    }
    return g;
  }
}
