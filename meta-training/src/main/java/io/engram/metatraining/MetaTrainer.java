package io.engram.metatraining;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.BundleManifest;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.EngramConfig;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.OutcomeSummary;
import io.engram.evaluation.TaskOutcome;
import io.engram.learning.NaturalEpropParameters;
import io.engram.learning.RidgeRegression;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.TargetBitEncoder;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta-trains the six matrices of natural e-prop for a configuration: batches of sampled tasks,
 * the meta-gradient of {@link BatchGradient} on a fixed pool of threads, Adam with the reference
 * schedule, a validation on fixed tasks by the runtime's own inner loop ({@link
 * InnerLoopEvaluation}) every few iterations (of the weights or, if the options ask for one, of
 * their running average, {@link WeightAverage}), a checkpoint after each validation and the best
 * bundle so far (with its manifest) in the output directory.
 *
 * <p>Deterministic: task k of iteration i is sampled from a seed derived from (seed, i, k), so a
 * run gives the same weights whatever the thread count, and a resumed run continues exactly.
 */
public final class MetaTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(MetaTrainer.class);

  /** Draws per batch slot before a run on non-clipped tasks only gives up. */
  private static final int MAX_DRAWS = 1000;

  /** The best bundle's file name in the output directory. */
  public static final String BUNDLE = "bundle.npz";

  /** Called after every iteration and validation (on the training thread). */
  public interface ProgressListener {
    void iteration(int done, int total, double loss, double elapsedSeconds);

    /** A validation: its row of the curve and the log line written for it. */
    default void validation(ValidationCurve.Row row, String line) {}
  }

  /** What a run produced. */
  public record Result(Path bundle, int iterations, double bestEeCm, double elapsedSeconds, List<ValidationCurve.Row> curve) {}

  private final EngramConfig config;
  private final InnerLoopSettings settings;
  private final MetaTrainingOptions options;
  private final Map<String, Object> metadata;
  private final DifferentiableNetwork trainee;
  private final DifferentiableNetwork lsg;
  private final InnerLoopModel model;
  private final TaskFamily family;
  private final ClockEncoder clock;
  private final TargetBitEncoder target;
  private volatile double initialisationSeconds;
  private volatile CoefficientReadoutFit.Result construction;
  /** Constructed-start metadata of the run being resumed, from its last bundle's manifest. */
  private final Map<String, Object> inheritedInitialisation = new LinkedHashMap<>();

  /**
   * @param settings the inner loop as modelled; its eta must be the configuration's
   * @param metadata extra training metadata for the manifest (e.g. the command line)
   */
  public MetaTrainer(
      EngramConfig config, InnerLoopSettings settings, MetaTrainingOptions options, Map<String, Object> metadata) {
    if (settings.eta() != config.learning().eta()) {
      throw new IllegalArgumentException(
          "the modelled eta " + settings.eta() + " differs from the configuration's " + config.learning().eta());
    }
    this.config = config;
    this.settings = settings;
    this.options = options;
    this.metadata = Map.copyOf(metadata);
    this.trainee = new DifferentiableNetwork(NetworkParameters.trainee(config.network()), SpikeFunction.HEAVISIDE);
    this.lsg = new DifferentiableNetwork(
        NetworkParameters.learningSignalGenerator(config.network()), SpikeFunction.HEAVISIDE);
    this.clock = ClockEncoder.of(config.network().clock());
    this.target = TargetBitEncoder.of(config.network().targetEncoding());
    this.family = TaskFamily.of(config);
    this.model = new InnerLoopModel(trainee, lsg, clock, target, ArmModel.of(config), settings, family.steps());
  }

  public InnerLoopModel model() {
    return model;
  }

  /** Random initial weights at the target rates (seeded by the run's seed), LSG readout scale 1. */
  public MetaWeights initialWeights() {
    return initialWeights(1.0);
  }

  /**
   * Random initial weights at the target rates (seeded by the run's seed).
   *
   * @param lsgReadoutScale standard deviation of the LSG readout times sqrt(LSG neurons): the
   *     initial size of the learning signals, hence of the first updates
   */
  public MetaWeights initialWeights(double lsgReadoutScale) {
    MotionTask probe = family.sample(new SplittableRandom(options.seed() ^ 0x5DEECE66DL));
    return Initialisation.random(
        model, trainee, lsg,
        clock.encode(family.steps()),
        clock.encode(family.steps()).concat(target.encode(probe.xyz(), family.steps())),
        settings.traineeRateHz(), settings.lsgRateHz(), 1.0, lsgReadoutScale, options.seed());
  }

  /**
   * Constructed initial weights: a {@link TemporalBasisTrainee}, a {@link VelocityCodedLsg} and
   * an LSG readout fitted by {@link CoefficientReadoutFit} on {@code fitTasks} sampled tasks
   * (seeded by the run's seed).
   */
  public MetaWeights constructedWeights(int fitTasks) throws InterruptedException {
    return constructedWeights(fitTasks, VelocityCodedLsg.standard());
  }

  /** Constructed initial weights as {@link #constructedWeights(int)}, with this LSG wiring. */
  public MetaWeights constructedWeights(int fitTasks, VelocityCodedLsg code) throws InterruptedException {
    long t0 = System.nanoTime();
    MetaWeights w = MetaWeights.zeros(model.layout());
    TemporalBasisTrainee.standard().writeInto(w, options.seed());
    code.writeInto(w, config.network().clock().channels(),
        config.network().targetEncoding().bits(), home(ArmModel.of(config)), options.seed() ^ 0x15C0DEL);
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "readout-fit");
      t.setDaemon(true);
      return t;
    });
    try {
      construction = new CoefficientReadoutFit(model, trainee, lsg, ArmModel.of(config), pool)
          .fit(w, family.sample(fitTasks, options.seed() ^ 0xC0EFL), CoefficientReadoutFit.Settings.standard(fitTasks));
      initialisationSeconds = (System.nanoTime() - t0) / 1e9;
      return construction.weights();
    } finally {
      pool.shutdownNow();
    }
  }

  /** The end-effector at home, where every task starts, to 0.1 mm (x, y, z in metres). */
  static double[] home(ArmModel arm) {
    double[] p = arm.endEffector(new double[arm.joints()], 1);
    for (int c = 0; c < 3; c++) {
      p[c] = Math.round(p[c] * 1e4) / 1e4;
    }
    return p;
  }

  /** The last constructed start's fit, if {@link #constructedWeights} ran. */
  public java.util.Optional<CoefficientReadoutFit.Result> construction() {
    return java.util.Optional.ofNullable(construction);
  }

  /** Seconds the constructed start took (0 if there was none). */
  public double initialisationSeconds() {
    return initialisationSeconds;
  }

  /**
   * Sets the LSG readout in closed form, as a starting point for gradient training: the learning
   * signals become {@code L_j(t) = -c sum_k W_out[j][k] omegaHat_k(t)}, where omegaHat is the
   * ridge-regression estimate of the target joint velocities from the LSG's kappa-filtered spikes
   * (fitted on {@code fitTasks} sampled tasks). That is the learning signal of one e-prop step
   * from an output near zero, with the target velocity decoded from the target trajectory; the
   * gain c is chosen on {@code selectTasks} other tasks by the runtime's inner loop.
   *
   * @return a copy of {@code w} with the fitted LSG readout
   */
  public MetaWeights withFittedLsgReadout(MetaWeights w, int fitTasks, int selectTasks)
      throws InterruptedException {
    int steps = family.steps();
    int n = lsg.shape().neurons();
    int joints = trainee.shape().readouts();
    int traineeN = trainee.shape().neurons();
    List<MotionTask> fit = family.sample(fitTasks, options.seed() ^ 0x0F17L);
    double kappa = lsg.neurons().kappa();
    double[] x = new double[fitTasks * steps * n];
    double[] y = new double[fitTasks * steps * joints];
    double[] zeros = new double[n * lsg.shape().readouts()];
    for (int m = 0; m < fitTasks; m++) {
      MotionTask task = fit.get(m);
      Trajectory tr = lsg.forward(w.block(MetaWeights.LSG_IN), w.block(MetaWeights.LSG_REC), zeros,
          clock.encode(steps).concat(target.encode(task.xyz(), steps)));
      double[] f = new double[n];
      for (int t = 0; t < steps; t++) {
        int row = (m * steps + t) * n;
        for (int j = 0; j < n; j++) {
          f[j] = kappa * f[j] + tr.z()[t * n + j];
          x[row + j] = f[j];
        }
        System.arraycopy(task.omega(), t * joints, y, (m * steps + t) * joints, joints);
      }
    }
    double[] decoder = RidgeRegression.solve(x, fitTasks * steps, n, y, joints, 1e-3);
    double[] wOut = w.block(MetaWeights.OUT);
    double[] base = new double[n * traineeN];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < traineeN; j++) {
        double s = 0;
        for (int k = 0; k < joints; k++) {
          s += decoder[i * joints + k] * wOut[j * joints + k];
        }
        base[i * traineeN + j] = -s;
      }
    }
    List<MotionTask> select = family.sample(selectTasks, options.seed() ^ 0x5E1EL);
    MetaWeights best = null;
    double bestEe = Double.POSITIVE_INFINITY;
    for (double log10 = 0; log10 <= 7.01; log10 += 0.5) {
      double gain = Math.pow(10, log10);
      MetaWeights candidate = w.copy();
      double[] out = candidate.block(MetaWeights.LSG_OUT);
      for (int i = 0; i < out.length; i++) {
        out[i] = gain * base[i];
      }
      InnerLoopEvaluation evaluation = InnerLoopEvaluation.floatNaturalEprop(config,
          candidate.toMetaParameters(), NaturalEpropParameters.of(config.learning()).withQuantum(settings.quantum()));
      OutcomeSummary summary = OutcomeSummary.of(evaluation.runAll(select, options.threads()));
      LOG.info(String.format(java.util.Locale.ROOT,
          "LSG readout fit: gain %.3g gives %.2f cm after one update (before %.2f cm)",
          gain, summary.eeAfterCm(), summary.eeBeforeCm()));
      if (summary.eeAfterCm() < bestEe) {
        bestEe = summary.eeAfterCm();
        best = candidate;
      }
    }
    return best;
  }

  /** The tasks of iteration {@code iteration} (non-clipped only if the options say so). */
  List<MotionTask> batch(int iteration) {
    List<MotionTask> tasks = new ArrayList<>(options.batch());
    for (int k = 0; k < options.batch(); k++) {
      SplittableRandom rng = new SplittableRandom(seed(iteration, k, 1));
      MotionTask task = family.sample(rng);
      for (int draw = 1; options.nonClippedOnly() && task.clipped(); draw++) {
        if (draw == MAX_DRAWS) {
          throw new IllegalStateException("no non-clipped task in " + MAX_DRAWS
              + " draws: this task family nearly always hits the joint limits; train on every task");
        }
        task = family.sample(rng);
      }
      tasks.add(task);
    }
    return tasks;
  }

  private long seed(int iteration, int k, int stream) {
    long h = options.seed() * 0x9E3779B97F4A7C15L + iteration;
    h = h * 0xBF58476D1CE4E5B9L + k;
    return h * 0x94D049BB133111EBL + stream;
  }

  /**
   * Runs (or, with {@code resume}, continues) the training in {@code outDir}.
   *
   * @param initial initial weights for a fresh run; null draws {@link #initialWeights()}
   */
  public Result run(Path outDir, boolean resume, MetaWeights initial, ProgressListener listener)
      throws IOException, InterruptedException {
    Files.createDirectories(outDir);
    BundleLayout layout = model.layout();
    MetaWeights w;
    Adam adam;
    int start;
    double elapsedBefore;
    double best;
    WeightAverage average = null;
    if (resume && Files.exists(outDir.resolve(Checkpoint.FILE))) {
      Checkpoint c = Checkpoint.read(outDir, layout);
      if (c.state().seed() != options.seed() || c.state().batch() != options.batch()) {
        throw new IllegalArgumentException(
            "the checkpoint was made with seed " + c.state().seed() + " and batch " + c.state().batch()
                + "; resume with the same options");
      }
      w = c.weights();
      if (options.averageDecay() > 0) {
        if (c.average() == null) {
          LOG.warn("the checkpoint in {} keeps no weight average: the average starts from its weights", outDir);
        }
        average = new WeightAverage(options.averageDecay(), c.average() != null ? c.average() : w);
      } else if (c.average() != null) {
        LOG.warn("the checkpoint in {} keeps a weight average, which this run without one drops", outDir);
      }
      adam = new Adam(c.adamM(), c.adamV(), c.state().adamSteps(), options.schedule());
      start = c.state().iteration();
      elapsedBefore = c.state().elapsedSeconds();
      best = c.state().bestEeCm();
      LOG.info("resuming {} at iteration {} ({} s trained)", outDir, start, Math.round(elapsedBefore));
      inheritInitialisation(outDir.resolve(BUNDLE));
    } else {
      if (resume) {
        LOG.info("no checkpoint in {}: starting afresh", outDir);
      }
      w = initial != null ? initial.copy() : initialWeights();
      adam = new Adam(w, options.schedule());
      if (options.averageDecay() > 0) {
        average = new WeightAverage(options.averageDecay(), w);
      }
      start = 0;
      elapsedBefore = initial != null ? initialisationSeconds : 0; // a constructed start counts as training
      best = Double.POSITIVE_INFINITY;
    }
    ValidationCurve curve = new ValidationCurve(outDir, start);
    List<MotionTask> validation = family.sample(options.validationTasks(), options.validationSeed());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "meta-train");
      t.setDaemon(true);
      return t;
    });
    long t0 = System.nanoTime();
    int last = start;
    try {
      boolean lsgHiddenFrozen = options.frozen().contains(MetaWeights.LSG_IN)
          && options.frozen().contains(MetaWeights.LSG_REC);
      InnerLoopModel trained = options.lsgTrainedFrom() > 0
          ? model.withLsgTrainedFrom(options.lsgTrainedFrom())
          : lsgHiddenFrozen ? model.withLsgHiddenFrozen() : model;
      BatchGradient gradient = new BatchGradient(trained, pool);
      double lossSum = 0;
      int lossCount = 0;
      if (curve.rows().isEmpty()) {
        best = validate(shipped(w, average), validation, 0, elapsedBefore, Double.NaN, curve, outDir, best, listener);
      }
      for (int it = start; it < options.iterations(); it++) {
        List<MotionTask> tasks = batch(it);
        long[] seeds = new long[tasks.size()];
        for (int k = 0; k < seeds.length; k++) {
          seeds[k] = seed(it, k, 2);
        }
        BatchGradient.Result r = gradient.compute(w, tasks, seeds);
        if (!Double.isFinite(r.loss()) || !Double.isFinite(r.gradient().norm())) {
          throw new IllegalStateException("the loss or its gradient is not finite at iteration " + it);
        }
        for (int k : options.frozen()) {
          java.util.Arrays.fill(r.gradient().block(k), 0.0);
        }
        adam.step(w, r.gradient(), options.relativeSteps());
        if (average != null) {
          average.update(w);
        }
        lossSum += r.loss();
        lossCount++;
        double elapsed = elapsedBefore + (System.nanoTime() - t0) / 1e9;
        int done = it + 1;
        if (listener != null) {
          listener.iteration(done, options.iterations(), r.loss(), elapsed);
        }
        last = done;
        boolean outOfTime = options.timeLimitSeconds() > 0 && elapsed >= options.timeLimitSeconds();
        if (outOfTime) {
          LOG.info(String.format(java.util.Locale.ROOT,
              "time limit of %.0f s reached after iteration %d", options.timeLimitSeconds(), done));
        }
        if (done % options.validateEvery() == 0 || done == options.iterations() || outOfTime) {
          best = validate(shipped(w, average), validation, done, elapsed, lossSum / lossCount, curve, outDir, best, listener);
          lossSum = 0;
          lossCount = 0;
          new Checkpoint(w, adam.firstMoment(), adam.secondMoment(), average != null ? average.weights() : null,
              new Checkpoint.State(done, adam.steps(), elapsed, best, options.seed(), options.batch()))
              .write(outDir);
        }
        if (outOfTime) {
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double elapsed = elapsedBefore + (System.nanoTime() - t0) / 1e9;
    return new Result(outDir.resolve(BUNDLE), last, best, elapsed, curve.rows());
  }

  /** The weights a validation judges and a bundle ships: the running average if the run keeps one. */
  private static MetaWeights shipped(MetaWeights w, WeightAverage average) {
    return average != null ? average.weights() : w;
  }

  private void inheritInitialisation(Path bundle) {
    inheritedInitialisation.clear();
    try {
      MetaParameterBundle.readManifest(bundle).ifPresent(m -> {
        for (String key : List.of("initialisation", "initialisation_s", "constructed_constants_ee_nonclipped_cm")) {
          Object value = m.training().get(key);
          if (value != null) {
            inheritedInitialisation.put(key, value);
          }
        }
      });
    } catch (IOException | RuntimeException e) {
      LOG.warn("the previous bundle {} is unreadable ({}); its initialisation metadata is not carried over",
          bundle, e.getMessage());
    }
  }

  /** Validates, logs, records; writes the bundle when it is the best so far. Returns the best. */
  private double validate(MetaWeights w, List<MotionTask> tasks, int iteration, double elapsed,
      double trainLoss, ValidationCurve curve, Path outDir, double best, ProgressListener listener)
      throws IOException, InterruptedException {
    MetaParameters meta = w.toMetaParameters();
    InnerLoopEvaluation evaluation =
        InnerLoopEvaluation.floatNaturalEprop(
            config, meta, NaturalEpropParameters.of(config.learning()).withQuantum(settings.quantum()));
    List<TaskOutcome> outcomes = evaluation.runAll(tasks, options.threads());
    OutcomeSummary all = OutcomeSummary.of(outcomes);
    OutcomeSummary nonClipped =
        OutcomeSummary.of(outcomes.stream().filter(o -> !o.task().clipped()).collect(Collectors.toList()));
    double ee = nonClipped.tasks() > 0 ? nonClipped.eeAfterCm() : all.eeAfterCm();
    ValidationCurve.Row row = new ValidationCurve.Row(
        iteration, elapsed, trainLoss, all.eeBeforeCm(), all.eeAfterCm(), ee, all.rateAfterHz());
    curve.add(row);
    String line = String.format(java.util.Locale.ROOT,
        "validation at iteration %d (%.0f s): end-effector error after one update %.2f cm on %d"
            + " non-clipped tasks, %.2f cm on all %d (before %.2f cm); train loss %.4g; trainee %.1f Hz",
        iteration, elapsed, ee, nonClipped.tasks(), all.eeAfterCm(), all.tasks(), all.eeBeforeCm(),
        trainLoss, all.rateAfterHz());
    LOG.info(line);
    if (listener != null) {
      listener.validation(row, line);
    }
    if (ee < best) {
      Map<String, Object> training = new LinkedHashMap<>(metadata);
      training.put("iterations", iteration);
      training.put("batch", options.batch());
      training.put("seed", options.seed());
      training.put("threads", options.threads());
      training.putAll(new java.util.TreeMap<>(options.schedule().describe()));
      training.put("relative_steps", options.relativeSteps());
      training.put("training_tasks", options.nonClippedOnly() ? "non-clipped" : "all");
      if (options.averageDecay() > 0) {
        training.put("weight_average_decay", options.averageDecay());
      }
      if (options.lsgTrainedFrom() > 0) {
        training.put("lsg_trained_from_neuron", options.lsgTrainedFrom());
      }
      if (!options.frozen().isEmpty()) {
        training.put("frozen", options.frozen().stream().sorted().map(k -> MetaWeights.NAMES[k]).toList());
      }
      training.put("elapsed_s", Math.round(elapsed));
      training.put("validation_tasks", tasks.size());
      training.put("validation_ee_after_nonclipped_cm", ee);
      training.put("update_quantum", settings.quantum().step());
      training.put("rate_lambda", settings.rateLambda());
      training.put("trainee_rate_hz", settings.traineeRateHz());
      training.put("lsg_rate_hz", settings.lsgRateHz());
      training.put("omega_loss_weight", settings.omegaLossWeight());
      training.put("position_loss", settings.positionLoss().name().toLowerCase(java.util.Locale.ROOT));
      training.putAll(inheritedInitialisation);
      if (construction != null) {
        training.put("initialisation", "constructed");
        training.put("initialisation_s", Math.round(initialisationSeconds));
        training.put("constructed_constants_ee_nonclipped_cm", construction.constantsEeNonClippedCm());
      }
      training.put("device_noise", settings.device() != null);
      MetaParameterBundle.write(outDir.resolve(BUNDLE), meta, BundleManifest.describing(config, training));
      return ee;
    }
    return best;
  }
}
