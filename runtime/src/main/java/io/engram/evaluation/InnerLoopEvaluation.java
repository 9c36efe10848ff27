package io.engram.evaluation;

import io.engram.bundle.MetaParameters;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.NetworkConfig;
import io.engram.learning.Adaptation;
import io.engram.learning.Eprop;
import io.engram.learning.InnerLoopRule;
import io.engram.learning.NaturalEprop;
import io.engram.learning.NaturalEpropParameters;
import io.engram.learning.ReadoutRegression;
import io.engram.snn.ClockEncoder;
import io.engram.snn.LearningSignalGenerator;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.StepObserver;
import io.engram.snn.TargetBitEncoder;
import io.engram.snn.Trainee;
import io.engram.snn.TrialRecord;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.SynapticMatrix;
import io.engram.task.ArmModel;
import io.engram.task.MotionError;
import io.engram.task.MotionTask;
import io.engram.task.TaskMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole inner loop on many tasks: for each, a trainee freshly programmed with the
 * meta-parameters runs a trial (before), the rule adapts it to the task, and it runs again
 * (after). Tasks run in parallel on a fixed number of threads, each with its own trainee; the
 * results do not depend on the thread count.
 */
public final class InnerLoopEvaluation {

  private static final Logger LOG = LoggerFactory.getLogger(InnerLoopEvaluation.class);

  private final MetaParameters meta;
  private final NetworkParameters traineeParameters;
  private final ClockEncoder clock;
  private final Supplier<SynapticMatrix> synapses;
  private final InnerLoopRule rule;
  private final TaskMetrics metrics;
  private final double inferenceDelaySeconds;
  private final Supplier<SynapticMatrix> readoutArrays;

  /**
   * @param synapses makes the plastic matrix of one trainee (float model or crossbar)
   * @param rule the inner-loop rule; shared by all threads, so it must be thread-safe
   */
  public InnerLoopEvaluation(
      MetaParameters meta,
      NetworkParameters traineeParameters,
      ClockEncoder clock,
      Supplier<SynapticMatrix> synapses,
      InnerLoopRule rule,
      TaskMetrics metrics) {
    this(meta, traineeParameters, clock, synapses, rule, metrics, 0, null);
  }

  private InnerLoopEvaluation(
      MetaParameters meta,
      NetworkParameters traineeParameters,
      ClockEncoder clock,
      Supplier<SynapticMatrix> synapses,
      InnerLoopRule rule,
      TaskMetrics metrics,
      double inferenceDelaySeconds,
      Supplier<SynapticMatrix> readoutArrays) {
    if (!(inferenceDelaySeconds >= 0) || Double.isInfinite(inferenceDelaySeconds)) {
      throw new IllegalArgumentException(
          "inference delay must be >= 0 s and finite, got " + inferenceDelaySeconds);
    }
    this.meta = meta;
    this.traineeParameters = traineeParameters;
    this.clock = clock;
    this.synapses = synapses;
    this.rule = rule;
    this.metrics = metrics;
    this.inferenceDelaySeconds = inferenceDelaySeconds;
    this.readoutArrays = readoutArrays;
  }

  /**
   * This evaluation with {@code seconds} of device time passing between the update and the test
   * trial (t_inference: the learned weights drift before they are used).
   */
  public InnerLoopEvaluation withInferenceDelay(double seconds) {
    return new InnerLoopEvaluation(
        meta, traineeParameters, clock, synapses, rule, metrics, seconds, readoutArrays);
  }

  /**
   * This evaluation with each trainee's readout weights on an array that {@code arrays} makes
   * (neurons x readouts; one per worker thread), instead of in software.
   */
  public InnerLoopEvaluation withReadoutOn(Supplier<SynapticMatrix> arrays) {
    return new InnerLoopEvaluation(
        meta, traineeParameters, clock, synapses, rule, metrics, inferenceDelaySeconds, arrays);
  }

  /**
   * The configured rule ({@code learning.rule}) with the configured networks, encoders, arm and
   * metrics, the trainee's plastic weights on the matrices {@code synapses} makes (one per worker
   * thread). Natural e-prop needs the learning-signal generator in {@code meta}; readout and
   * e-prop use only the trainee's weights.
   *
   * @throws IllegalArgumentException if the rule needs what {@code meta} lacks
   */
  public static InnerLoopEvaluation of(
      EngramConfig config, MetaParameters meta, Supplier<SynapticMatrix> synapses) {
    LearningConfig learning = config.learning();
    if (learning.rule() == LearningRule.NATURAL_EPROP) {
      return naturalEprop(config, meta, NaturalEpropParameters.of(learning), synapses);
    }
    InnerLoopRule rule =
        switch (learning.rule()) {
          case READOUT -> new ReadoutRegression(learning.readout().ridge());
          case EPROP -> new Eprop(learning.eprop());
          case NATURAL_EPROP -> throw new AssertionError();
        };
    NetworkConfig net = config.network();
    return new InnerLoopEvaluation(
        meta,
        NetworkParameters.trainee(net),
        ClockEncoder.of(net.clock()),
        synapses,
        rule,
        new TaskMetrics(ArmModel.of(config)));
  }

  /**
   * Natural e-prop on float weights with the configured networks, encoders, arm and metrics.
   *
   * @throws IllegalArgumentException if the meta-parameters lack the learning-signal generator
   */
  public static InnerLoopEvaluation floatNaturalEprop(
      EngramConfig config, MetaParameters meta, NaturalEpropParameters parameters) {
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    return naturalEprop(
        config,
        meta,
        parameters,
        () -> new FloatSynapticMatrix(shape.synapticRows(), shape.neurons()));
  }

  /**
   * Natural e-prop with the configured networks, encoders, arm and metrics, the trainee's plastic
   * weights on the matrices {@code synapses} makes (one per worker thread).
   *
   * @throws IllegalArgumentException if the meta-parameters lack the learning-signal generator
   */
  public static InnerLoopEvaluation naturalEprop(
      EngramConfig config,
      MetaParameters meta,
      NaturalEpropParameters parameters,
      Supplier<SynapticMatrix> synapses) {
    if (!meta.hasLearningSignalGenerator()) {
      throw new IllegalArgumentException("natural e-prop needs the learning-signal generator");
    }
    NetworkConfig net = config.network();
    ClockEncoder clock = ClockEncoder.of(net.clock());
    LearningSignalGenerator lsg =
        LearningSignalGenerator.create(
            NetworkParameters.learningSignalGenerator(net),
            meta.lsgInput(),
            meta.lsgRecurrent(),
            meta.lsgReadout(),
            clock,
            TargetBitEncoder.of(net.targetEncoding()));
    return new InnerLoopEvaluation(
        meta,
        NetworkParameters.trainee(net),
        clock,
        synapses,
        new NaturalEprop(lsg, parameters),
        new TaskMetrics(ArmModel.of(config)));
  }

  /** The meta-parameters every run starts from. */
  public MetaParameters meta() {
    return meta;
  }

  /** The rule adapting the trainees. */
  public InnerLoopRule rule() {
    return rule;
  }

  /** The metrics scoring the outcomes. */
  public TaskMetrics metrics() {
    return metrics;
  }

  /** A trainee programmed with the meta-parameters. */
  public Trainee newTrainee() {
    Trainee trainee =
        Trainee.create(
            traineeParameters,
            synapses.get(),
            meta.traineeInput(),
            meta.traineeRecurrent(),
            meta.traineeReadout(),
            clock);
    if (readoutArrays != null) {
      trainee.network().placeReadoutOn(readoutArrays.get());
    }
    return trainee;
  }

  /**
   * Runs the inner loop on one task with a given trainee, which is reprogrammed first; its
   * synapses' noise streams restart at the task's index, so the outcome does not depend on which
   * tasks ran on this trainee before.
   */
  public TaskOutcome run(Trainee trainee, int index, MotionTask task) {
    return run(trainee, index, task, null, null);
  }

  /**
   * As {@link #run(Trainee, int, MotionTask)}, with observers of the trial before and of the trial
   * after the adaptation (e.g. {@link io.engram.snn.SpikeCounter}s), either of them null.
   */
  public TaskOutcome run(Trainee trainee, int index, MotionTask task, StepObserver beforeTrial,
      StepObserver afterTrial) {
    long start = System.nanoTime();
    trainee.network().reseed(index);
    trainee.network().program(meta.traineeInput(), meta.traineeRecurrent());
    trainee.network().setReadoutWeights(meta.traineeReadout());
    TrialRecord before = trainee.run(task.steps(), beforeTrial);
    long adaptStart = System.nanoTime();
    Adaptation adaptation = rule.adapt(trainee, task);
    long adaptNanos = System.nanoTime() - adaptStart;
    trainee.network().elapse(inferenceDelaySeconds);
    TrialRecord after = trainee.run(task.steps(), afterTrial);
    long nanos = System.nanoTime() - start;
    MotionError eb = metrics.measure(task, before.outputs());
    MotionError ea = metrics.measure(task, after.outputs());
    return new TaskOutcome(
        index,
        task,
        before.outputs(),
        after.outputs(),
        eb,
        ea,
        before.firingRateHz(),
        after.firingRateHz(),
        adaptation,
        nanos,
        adaptNanos);
  }

  /**
   * Runs every task on {@code threads} threads and returns the outcomes in task order.
   *
   * @throws IllegalStateException if a task fails (the cause is attached)
   */
  public List<TaskOutcome> runAll(List<MotionTask> tasks, int threads) throws InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    int workers = Math.min(threads, Math.max(1, tasks.size()));
    BlockingQueue<Trainee> trainees = new ArrayBlockingQueue<>(workers);
    for (int i = 0; i < workers; i++) {
      trainees.add(newTrainee());
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
      Thread t = new Thread(runnable, "inner-loop");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<TaskOutcome>> futures = new ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  Trainee trainee = trainees.take();
                  try {
                    return run(trainee, index, tasks.get(index));
                  } finally {
                    trainees.put(trainee);
                  }
                }));
      }
      TaskOutcome[] out = new TaskOutcome[tasks.size()];
      for (int i = 0; i < out.length; i++) {
        try {
          out[i] = futures.get(i).get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("inner loop failed on task " + i + ": " + e.getCause(), e.getCause());
        }
        if ((i + 1) % 50 == 0) {
          LOG.debug("{} of {} tasks done", i + 1, out.length);
        }
      }
      return Arrays.asList(out);
    } finally {
      pool.shutdownNow();
    }
  }
}
