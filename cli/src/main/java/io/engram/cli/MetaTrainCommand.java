package io.engram.cli;

import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.yaml.ConfigLoader;
import io.engram.learning.UpdateQuantum;
import io.engram.metatraining.InnerLoopSettings;
import io.engram.metatraining.LearningRateSchedule;
import io.engram.metatraining.MetaTrainer;
import io.engram.metatraining.MetaTrainingOptions;
import io.engram.metatraining.VelocityCodedLsg;
import io.engram.pcm.PcmDeviceModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram meta-train}: meta-trains the trainee's initial weights and the learning-signal
 * generator for a configuration and writes the best bundle (with its manifest), a resumable
 * checkpoint and the validation curve into a directory.
 */
@Command(
    name = "meta-train",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = {
      "Meta-trains the six matrices of natural e-prop by backpropagation through the whole inner"
          + " loop and writes DIR/bundle.npz (best on the validation tasks), DIR/checkpoint.npz,"
          + " DIR/validation.csv and DIR/validation.png."
    })
final class MetaTrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE.yaml", description = "Configuration (network sizes, task family); default: built-in.")
  Path configFile;

  @Option(names = "--iterations", required = true, paramLabel = "N", description = "Total iterations.")
  int iterations;

  @Option(names = "--batch", required = true, paramLabel = "B", description = "Tasks per iteration.")
  int batch;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--resume", description = "Continue from DIR/checkpoint.npz if there is one.")
  boolean resume;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of weights, tasks and noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: available processors).")
  Integer threads;

  @Option(names = "--validate-every", paramLabel = "V", description = "Iterations between validations and checkpoints (default: about 20 per run, at most 100).")
  Integer validateEvery;

  @Option(names = "--validation-tasks", defaultValue = "50", paramLabel = "M", description = "Validation tasks (default: ${DEFAULT-VALUE}).")
  int validationTasks;

  @Option(names = "--learning-rate", defaultValue = "1.5e-3", paramLabel = "LR", description = "Adam's initial rate, x0.99 every 500 iterations unless --anneal (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--anneal", paramLabel = "FLOOR", arity = "0..1", fallbackValue = "0.01",
      description = "Cosine-anneal the learning rate from LR down to FLOOR x LR (default FLOOR: ${FALLBACK-VALUE}) at --iterations, instead of the reference's steps.")
  Double annealFloor;

  @Option(names = "--average-weights", paramLabel = "DECAY",
      description = "Keep an exponential moving average of the weights (DECAY per iteration, e.g. 0.998 for about 500 iterations) and validate and ship it instead of the last iterate.")
  Double averageDecay;

  @Option(names = "--non-clipped-only",
      description = "Train on tasks that stay inside the joint limits only (the ones the error is reported on; clipped tasks' target velocities and paths disagree); validation is unchanged.")
  boolean nonClippedOnly;

  @Option(names = "--relative-steps", description = "Scale each matrix's Adam step by its RMS weight (LR then reads as a fraction).")
  boolean relativeSteps;

  @Option(names = "--rate-lambda", defaultValue = "10", paramLabel = "L", description = "Firing-rate regulariser weight (default: ${DEFAULT-VALUE}).")
  double rateLambda;

  @Option(names = "--lsg-readout-scale", defaultValue = "1", paramLabel = "S", description = "Initial LSG readout: N(0, S^2/neurons) (default: ${DEFAULT-VALUE}).")
  double lsgReadoutScale;

  @Option(names = "--fit-lsg-readout", paramLabel = "TASKS", description = "Start from an LSG readout fitted in closed form on TASKS sampled tasks (0: random readout; default: ${DEFAULT-VALUE}).", defaultValue = "0")
  int fitLsgReadout;

  @Option(names = "--constructed-start", paramLabel = "TASKS", defaultValue = "0",
      description = "Start from constructed weights: a trainee whose neurons tile the trial, a velocity-coded LSG and its readout fitted in closed form on TASKS sampled tasks (0: random start; default: ${DEFAULT-VALUE}).")
  int constructedStart;

  @Option(names = "--lsg-lowest-bit", paramLabel = "BIT",
      description = "With --constructed-start: the LSG reads each coordinate's bits from BIT up; lower bits toggle faster than its relays follow (default: 7).")
  Integer lsgLowestBit;

  @Option(names = "--lsg-position-neurons", paramLabel = "N",
      description = "With --constructed-start: the last N LSG neurons read the target's position at the bits' full precision, straight from the input (default: 0).")
  Integer lsgPositionNeurons;

  @Option(names = "--train-lsg-mixing",
      description = "With --constructed-start: train the LSG's weights into its mixing and position neurons (from the inputs, relays and delay chains) along with the readout; its other input and recurrent weights keep their wiring.")
  boolean trainLsgMixing;

  @Option(names = "--trainee-rate", defaultValue = "20", paramLabel = "HZ", description = "The rate regulariser's trainee target (default: ${DEFAULT-VALUE}).")
  double traineeRateHz;

  @Option(names = "--lsg-rate", defaultValue = "10", paramLabel = "HZ", description = "The rate regulariser's LSG target (default: ${DEFAULT-VALUE}).")
  double lsgRateHz;

  @Option(names = "--omega-loss-weight", defaultValue = "1", paramLabel = "W", description = "Weight of the joint-velocity term of the task loss W 0.5 MSE(omega) + 0.5 MSE(xyz) (default: ${DEFAULT-VALUE}, the reference's loss).")
  double omegaLossWeight;

  @Option(names = "--position-loss", defaultValue = "squared", paramLabel = "LOSS",
      description = "The task loss's end-effector term: squared (0.5 MSE(xyz), the reference's) or distance (the mean end-effector distance in metres, the error the evaluation reports; no task far off dominates a batch) (default: ${DEFAULT-VALUE}).")
  String positionLoss;

  @Option(names = "--time-limit", paramLabel = "MINUTES", description = "Stop (validated and checkpointed) once this much time has gone into the run, the constructed start included.")
  Double timeLimitMinutes;

  @Option(names = "--frozen", split = ",", paramLabel = "MATRIX",
      description = "Matrices that keep their initial values, by bundle name (e.g. W_in_lsg,W_rec_lsg).")
  List<String> frozen = List.of();

  @Option(names = "--quantum", defaultValue = "0", paramLabel = "Q", description = "Round the update to multiples of Q in the loop (default: exact).")
  double quantum;

  @Option(
      names = "--device",
      paramLabel = "ideal|pcm|pcm-drift",
      converter = CrossbarOptions.PresetConverter.class,
      description = "Program the adapted weights through this PCM preset in the loop (programming noise).")
  CrossbarPreset device;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (k < 1 || batch < 1 || iterations < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads and --batch must be >= 1, --iterations >= 0");
    }
    EngramConfig config = configFile != null ? ConfigLoader.load(configFile) : EngramConfig.defaults();
    VelocityCodedLsg lsgWiring = VelocityCodedLsg.standard();
    if (lsgLowestBit != null) {
      if (constructedStart == 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--lsg-lowest-bit needs --constructed-start");
      }
      int bitsPerCoordinate = config.network().targetEncoding().bits();
      if (lsgLowestBit < 0 || lsgLowestBit >= bitsPerCoordinate) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--lsg-lowest-bit must be in [0, " + (bitsPerCoordinate - 1) + "], the target's bits per coordinate");
      }
      lsgWiring = lsgWiring.withLowestBit(lsgLowestBit);
    }
    if (lsgPositionNeurons != null) {
      if (constructedStart == 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--lsg-position-neurons needs --constructed-start");
      }
      if (lsgPositionNeurons < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--lsg-position-neurons must be >= 0");
      }
      lsgWiring = lsgWiring.withPositionNeurons(lsgPositionNeurons);
    }
    InnerLoopSettings settings =
        new InnerLoopSettings(config.learning().eta(), new UpdateQuantum(quantum), 0,
            device != null ? PcmDeviceModel.of(device) : null, rateLambda, traineeRateHz, lsgRateHz, omegaLossWeight,
            positionLoss(positionLoss));
    if (annealFloor != null && (!(annealFloor >= 0 && annealFloor <= 1) || iterations < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--anneal needs a floor in [0, 1] and --iterations >= 1");
    }
    LearningRateSchedule schedule = annealFloor != null
        ? new LearningRateSchedule.Cosine(learningRate, iterations, annealFloor)
        : LearningRateSchedule.StepDecay.reference(learningRate);
    MetaTrainingOptions defaults = MetaTrainingOptions.of(iterations, batch, seed, k);
    MetaTrainingOptions options =
        new MetaTrainingOptions(iterations, batch, seed, k,
            validateEvery != null ? validateEvery : defaults.validateEvery(), validationTasks,
            defaults.validationSeed(), schedule, relativeSteps, 0, java.util.Set.of());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("command", "engram " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    if (timeLimitMinutes != null && !(timeLimitMinutes > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--time-limit must be positive");
    }
    if (timeLimitMinutes != null) {
      options = options.withTimeLimit(timeLimitMinutes * 60);
    }
    java.util.Set<Integer> frozenBlocks = new java.util.TreeSet<>();
    for (String name : frozen) {
      int block = java.util.Arrays.asList(io.engram.metatraining.MetaWeights.NAMES).indexOf(name.trim());
      if (block < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--frozen: no matrix named '" + name
            + "'; the names are " + String.join(", ", io.engram.metatraining.MetaWeights.NAMES));
      }
      frozenBlocks.add(block);
    }
    options = options.withFrozen(frozenBlocks);
    if (trainLsgMixing) {
      if (constructedStart == 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--train-lsg-mixing needs --constructed-start");
      }
      if (frozenBlocks.contains(io.engram.metatraining.MetaWeights.LSG_IN)
          && frozenBlocks.contains(io.engram.metatraining.MetaWeights.LSG_REC)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--train-lsg-mixing trains parts of W_in_lsg and W_rec_lsg and keeps the rest of them: do not list both in --frozen");
      }
      options = options.withLsgTrainedFrom(lsgWiring.fixedNeurons(config.network().targetEncoding().bits()));
    }
    options = options.withNonClippedOnly(nonClippedOnly);
    if (averageDecay != null) {
      if (!(averageDecay > 0 && averageDecay < 1)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--average-weights needs a decay in (0, 1)");
      }
      options = options.withAverageDecay(averageDecay);
    }
    if (constructedStart > 0) {
      try {
        lsgWiring.checkRoom(config.network().lsg().neurons(), config.network().targetEncoding().bits());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    MetaTrainer trainer = new MetaTrainer(config, settings, options, metadata);
    ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
    long cpuStart = processCpuNanos();
    long wallStart = System.nanoTime();
    boolean fresh = !(resume && java.nio.file.Files.exists(out.resolve(io.engram.metatraining.Checkpoint.FILE)));
    io.engram.metatraining.MetaWeights initial = constructedStart > 0 && fresh
        ? trainer.constructedWeights(constructedStart, lsgWiring)
        : trainer.initialWeights(lsgReadoutScale);
    trainer.construction().ifPresent(c -> {
      stdout.printf(Locale.ROOT,
          "constructed start in %.0f s: per-neuron learning signals fitted on %d tasks reach %.2f cm"
              + " after one update (%.2f cm on the non-clipped); the LSG readout approximates them%n",
          trainer.initialisationSeconds(), constructedStart, c.constantsEeCm(), c.constantsEeNonClippedCm());
      stdout.flush();
    });
    if (fitLsgReadout > 0 && fresh && constructedStart == 0) {
      initial = trainer.withFittedLsgReadout(initial, fitLsgReadout, Math.max(8, validationTasks / 2));
    }
    MetaTrainer.Result r =
        trainer.run(out, resume, initial, new MetaTrainer.ProgressListener() {
          @Override
          public void iteration(int done, int total, double loss, double elapsedSeconds) {
            bar.update(done, total, loss, elapsedSeconds);
          }

          @Override
          public void validation(io.engram.metatraining.ValidationCurve.Row row, String line) {
            bar.clear();
            stdout.println(line);
            stdout.flush();
          }
        });
    bar.finish();
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    stdout.printf(Locale.ROOT, "meta-training: %d iterations of %d tasks in %.0f s on %d threads%n",
        r.iterations(), batch, r.elapsedSeconds(), k);
    stdout.printf(Locale.ROOT, "best validation error after one update (non-clipped tasks): %.2f cm%n", r.bestEeCm());
    if (cpu > 0) {
      stdout.printf(Locale.ROOT, "CPU: %.0f s in %.0f s wall: %.2f of %d cores busy on average%n", cpu, wall, cpu / wall, cores);
    }
    stdout.println("bundle: " + r.bundle());
    stdout.println("curve: " + out.resolve("validation.csv") + ", " + out.resolve("validation.png"));
    stdout.flush();
    return 0;
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }

  /** A one-line progress bar with the rate and the time left, redrawn in place. */
  static final class ProgressBar {
    private final PrintWriter err;
    private long lastDraw;
    private int firstDone = -1;
    private double firstElapsed;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    void update(int done, int total, double loss, double elapsed) {
      if (firstDone < 0) {
        firstDone = done - 1;
        firstElapsed = elapsed;
      }
      long now = System.nanoTime();
      if (done < total && now - lastDraw < 250_000_000L) {
        return;
      }
      lastDraw = now;
      err.print("\r" + line(done, total, loss, elapsed));
      err.flush();
    }

    String line(int done, int total, double loss, double elapsed) {
      int width = 30;
      int filled = total == 0 ? width : (int) ((long) width * done / total);
      int doneHere = done - firstDone;
      double perIteration = doneHere > 0 ? Math.max(elapsed - firstElapsed, 0) / Math.max(doneHere - 1, 1) : 0;
      long eta = Math.round(perIteration * (total - done));
      return String.format(Locale.ROOT, "[%s%s] %d/%d  loss %.4g  %.2f s/it  ETA %d:%02d:%02d ",
          "#".repeat(filled), ".".repeat(width - filled), done, total, loss, perIteration,
          eta / 3600, eta / 60 % 60, eta % 60);
    }

    /** Ends the bar's line so other output starts on a fresh one; the bar redraws next time. */
    void clear() {
      err.print("\r" + " ".repeat(90) + "\r");
      err.flush();
      lastDraw = 0;
    }

    void finish() {
      err.println();
      err.flush();
    }
  }

  private InnerLoopSettings.PositionLoss positionLoss(String name) {
    return switch (name) {
      case "squared" -> InnerLoopSettings.PositionLoss.SQUARED;
      case "distance" -> InnerLoopSettings.PositionLoss.DISTANCE;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--position-loss must be squared or distance, not '" + name + "'");
    };
  }
}
