package io.engram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.engram.bundle.BundleOrigin;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.ConfigNames;
import io.engram.config.CrossbarConfig;
import io.engram.config.EngramConfig;
import io.engram.config.EpropConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.ReadoutConfig;
import io.engram.config.ReadoutPlacement;
import io.engram.crossbar.CrossbarFactory;
import io.engram.config.yaml.ConfigLoader;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.OutcomeSummary;
import io.engram.evaluation.TaskOutcome;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import io.engram.task.TaskFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram reproduce}: runs the one-shot inner loop (training trial, learning signals, one
 * update, test trial) on every task with a meta-parameter bundle and reports the errors before
 * and after.
 */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the inner loop (natural e-prop's one-shot update, the readout regression or e-prop"
          + " over K trials) on every task and reports end-effector errors before and after"
          + " learning, over all tasks and over those that do not hit the angle clip."
    })
final class ReproduceCommand implements Callable<Integer> {

  private static final Pattern SAMPLE = Pattern.compile("sample:(\\d+):(-?\\d+)");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--meta", required = true, paramLabel = "BUNDLE.npz", description = "Meta-parameter bundle.")
  Path meta;

  @Option(
      names = "--tasks",
      required = true,
      paramLabel = "TASKS.npz|sample:N:SEED",
      description = "A task file, or N tasks sampled from the task family with SEED.")
  String tasks;

  @Option(
      names = "--quantum",
      paramLabel = "Q",
      description =
          "Round the update to multiples of Q (half to even); 0 = exact. Default: the"
              + " configuration's update quantum (0 in the built-in configuration).")
  Double quantum;

  @Option(
      names = "--rule",
      paramLabel = "RULE",
      description =
          "Inner-loop rule: natural-eprop (needs the bundle's LSG), readout or eprop. Default: the"
              + " configuration's learning.rule.")
  String rule;

  @Option(
      names = "--trials",
      paramLabel = "K",
      description = "Demonstration trials of rule eprop (default: the configuration's learning.eprop.trials).")
  Integer trials;

  @Option(
      names = "--readout-on",
      paramLabel = "software|crossbar",
      description =
          "Where the trainee's readout weights W_out live (any rule): software, or a crossbar array"
              + " of the --device preset. Default: the configuration's learning.readout.placement.")
  String readoutOn;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "Configuration file (networks, task family, arm); default: the built-in one.")
  Path configFile;

  @Option(
      names = "--threads",
      paramLabel = "K",
      description = "Tasks run in parallel on K threads (default: available processors).")
  Integer threads;

  @Option(names = "--out", paramLabel = "RESULTS.json", description = "Write per-task results and summaries as JSON.")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw end-effector paths of the first tasks.")
  Path plot;

  @CommandLine.Mixin CrossbarOptions crossbar;

  @Option(
      names = "--plot-tasks",
      defaultValue = "4",
      paramLabel = "N",
      description = "How many tasks the plot shows (default: ${DEFAULT-VALUE}).")
  int plotTasks;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (quantum != null && (quantum < 0 || !Double.isFinite(quantum))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--quantum must be >= 0");
    }
    int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (k < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1");
    }
    if (plotTasks < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--plot-tasks must be >= 1");
    }
    EngramConfig config = withRuleOptions(
        configFile != null ? ConfigLoader.load(configFile) : EngramConfig.defaults());
    CrossbarConfig device = crossbar.apply(config.crossbar(), spec);
    double q = config.learning().updateQuantum();
    List<MotionTask> taskList = loadTasks(config);
    boolean needsLsg = config.learning().rule() == LearningRule.NATURAL_EPROP;
    MetaParameters bundle =
        MetaParameterBundle.load(meta, config, BundleOrigin.LOCAL_FILE, needsLsg).parameters();
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    InnerLoopEvaluation evaluation;
    if (crossbar.selected()) {
      CrossbarFactory arrays = CrossbarFactory.of(device);
      evaluation =
          InnerLoopEvaluation.of(config, bundle, () -> arrays.forNetwork(shape))
              .withInferenceDelay(device.tInferenceS());
    } else {
      evaluation =
          InnerLoopEvaluation.of(
              config, bundle, () -> new FloatSynapticMatrix(shape.synapticRows(), shape.neurons()));
    }
    if (config.learning().readout().placement() == ReadoutPlacement.CROSSBAR) {
      CrossbarFactory readoutArrays = CrossbarFactory.of(device);
      evaluation =
          evaluation.withReadoutOn(() -> readoutArrays.create(shape.neurons(), shape.readouts()));
    }

    long start = System.nanoTime();
    List<TaskOutcome> outcomes = evaluation.runAll(taskList, k);
    double seconds = (System.nanoTime() - start) / 1e9;

    OutcomeSummary all = OutcomeSummary.of(outcomes);
    OutcomeSummary nonClipped =
        OutcomeSummary.of(outcomes.stream().filter(o -> !o.task().clipped()).collect(Collectors.toList()));
    double meanTaskMillis = outcomes.stream().mapToLong(TaskOutcome::nanos).average().orElse(0) / 1e6;
    double meanAdaptMillis =
        outcomes.stream().mapToLong(TaskOutcome::adaptationNanos).average().orElse(0) / 1e6;
    double meanWritten =
        outcomes.stream().mapToLong(o -> o.adaptation().cellsWritten()).average().orElse(0);
    ReproduceReport.Device deviceReport =
        crossbar.selected() ? ReproduceReport.Device.of(device, meanWritten) : null;
    if (deviceReport != null) {
      stdout.println(deviceReport.describe());
    }
    printTable(stdout, all, nonClipped, seconds, meanTaskMillis, meanAdaptMillis, k, taskList.size());

    ReproduceReport report =
        new ReproduceReport(
            meta.toString(),
            tasks,
            evaluation.rule().name(),
            q,
            k,
            deviceReport,
            new ReproduceReport.Summaries(all, nonClipped),
            new ReproduceReport.Timing(seconds, meanTaskMillis, meanAdaptMillis, taskList.size() / seconds),
            outcomes.stream().map(ReproduceReport.PerTask::of).collect(Collectors.toList()));
    if (out != null) {
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.toFile(), report);
      stdout.println("results: " + out);
    }
    if (plot != null) {
      EndEffectorPlot.write(
          plot, outcomes.subList(0, Math.min(plotTasks, outcomes.size())), evaluation.metrics());
      stdout.println("plot: " + plot);
    }
    stdout.flush();
    return 0;
  }

  /** The configuration with --rule, --trials and --quantum applied. */
  private EngramConfig withRuleOptions(EngramConfig config) {
    LearningConfig l = config.learning();
    LearningRule r = l.rule();
    if (rule != null) {
      r = ConfigNames.parse(LearningRule.class, rule)
          .orElseThrow(() -> new CommandLine.ParameterException(
              spec.commandLine(),
              "--rule: expected one of " + ConfigNames.choices(LearningRule.class) + ", got " + rule));
    }
    if (trials != null && trials < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--trials must be >= 1");
    }
    EpropConfig eprop = trials != null ? l.eprop().withTrials(trials) : l.eprop();
    double q = quantum != null ? quantum : l.updateQuantum();
    ReadoutConfig readout = l.readout();
    if (readoutOn != null) {
      ReadoutPlacement placement =
          ConfigNames.parse(ReadoutPlacement.class, readoutOn)
              .orElseThrow(() -> new CommandLine.ParameterException(
                  spec.commandLine(),
                  "--readout-on: expected one of " + ConfigNames.choices(ReadoutPlacement.class)
                      + ", got " + readoutOn));
      readout = new ReadoutConfig(readout.ridge(), placement);
    }
    return config.withLearning(new LearningConfig(r, l.eta(), q, readout, eprop));
  }

  private List<MotionTask> loadTasks(EngramConfig config) throws IOException {
    Matcher m = SAMPLE.matcher(tasks);
    if (m.matches()) {
      int n;
      try {
        n = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--tasks sample:N:SEED needs 1 <= N < 2^31");
      }
      return TaskFamily.of(config).sample(n, Long.parseLong(m.group(2)));
    }
    if (tasks.startsWith("sample:")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--tasks: expected sample:N:SEED (e.g. sample:200:1), got " + tasks);
    }
    List<MotionTask> list = TaskFile.read(Path.of(tasks), ArmModel.of(config));
    if (list.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tasks: " + tasks + " holds no tasks");
    }
    return list;
  }

  private static void printTable(
      PrintWriter w,
      OutcomeSummary all,
      OutcomeSummary nonClipped,
      double seconds,
      double taskMillis,
      double adaptMillis,
      int threads,
      int n) {
    w.println("tasks          n   EE before (cm)   EE after (cm)    omega RMSE after (rad/s)   rate before/after (Hz)");
    row(w, "all", all);
    row(w, "non-clipped", nonClipped);
    w.printf(
        "%d tasks in %.2f s on %d threads: %.1f ms per task (one thread's whole inner loop),"
            + " %.1f ms per adaptation, %.1f tasks/s%n",
        n, seconds, threads, taskMillis, adaptMillis, n / seconds);
  }

  private static void row(PrintWriter w, String name, OutcomeSummary s) {
    if (s.tasks() == 0) {
      w.printf("%-12s %4d   -%n", name, 0);
      return;
    }
    double[] r = s.rmseAfter();
    w.printf(
        "%-12s %4d   %6.2f +- %5.2f   %6.2f +- %5.2f   %s   %5.1f / %5.1f%n",
        name,
        s.tasks(),
        s.eeBeforeCm(),
        s.eeBeforeStdCm(),
        s.eeAfterCm(),
        s.eeAfterStdCm(),
        String.format("%-25s", joined(r)),
        s.rateBeforeHz(),
        s.rateAfterHz());
  }

  private static String joined(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : " ").append(String.format("%.4f", v[i]));
    }
    return sb.toString();
  }
}
