package io.engram.cli;

import io.engram.bench.ControlStepFixture;
import io.engram.bench.OperationTimer;
import io.engram.config.BundleConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.yaml.ConfigLoader;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.session.LearningSetup;
import io.engram.snn.Trainee;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram bench}: the runtime's hot paths timed on this machine (the board itself, where
 * JMH is not installed), each against a baseline measured in the same run: the control step
 * against one network step, and each learning rule's adaptation against the readout rule's.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = {
      "Times the control step (ideal and pcm crossbar) against one network step, and one-shot"
          + " adaptation per learning rule against the readout rule, on this machine; prints mean,"
          + " p50 and p99 times, bytes allocated per operation and the ratio to the baseline.",
      "Figures from a loaded machine mislead: run it on a quiet one."
    })
final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE.yaml",
      description = "Configuration (robot, control loop, networks, crossbar); default: the built-in one.")
  Path configFile;

  @Option(names = "--bundle", paramLabel = "BUNDLE.npz",
      description = "A meta-parameter bundle matching the configuration's networks: adds natural e-prop"
          + " to the adaptation table (default: the configuration's bundle.path, if any).")
  Path bundle;

  @Option(names = "--seconds", defaultValue = "2", paramLabel = "S",
      description = "Warm-up and then timing per operation, each S seconds (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--only", split = ",", paramLabel = "control|adapt",
      description = "Only these tables (default: both).")
  List<String> only = List.of("control", "adapt");

  @Override
  public Integer call() throws Exception {
    if (!(seconds > 0) || seconds > 600) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be in (0, 600]");
    }
    for (String table : only) {
      if (!table.equals("control") && !table.equals("adapt")) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--only: no table '" + table + "'; the tables are control, adapt");
      }
    }
    EngramConfig config = configFile != null ? ConfigLoader.load(configFile) : EngramConfig.defaults();
    if (bundle != null) {
      BundleConfig b = config.bundle();
      config = config.withBundle(new BundleConfig(Optional.of(bundle), b.seed(), b.initialRateHz()));
    }
    Duration each = Duration.ofNanos(Math.round(seconds * 1e9));
    OperationTimer timer = new OperationTimer(each, each);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "engram bench: %d processors, %s %s, %.1f s warm-up and %.1f s timing per operation%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), seconds, seconds);
    if (only.contains("control")) {
      ControlStepFixture ideal = ControlStepFixture.of(config, CrossbarPreset.IDEAL);
      ControlStepFixture pcm = ControlStepFixture.of(config, CrossbarPreset.PCM);
      List<OperationTimer.Measurement> rows = new ArrayList<>();
      rows.add(timer.measure("network step, ideal (baseline)", ideal::networkStep));
      rows.add(timer.measure("loop step, ideal", ideal::loopStep));
      rows.add(timer.measure("network step, pcm", pcm::networkStep));
      rows.add(timer.measure("loop step, pcm", pcm::loopStep));
      print(out, "control step: one 10 ms period's computation without I/O (trainee "
          + config.network().trainee().neurons() + " neurons, readout rule)", rows, "us");
    }
    if (only.contains("adapt")) {
      List<MotionTask> tasks = TaskFamily.of(config).sample(16, 1);
      List<OperationTimer.Measurement> rows = new ArrayList<>();
      rows.add(adaptation(timer, config, LearningRule.READOUT, tasks, "readout (baseline)"));
      rows.add(adaptation(timer, config, LearningRule.EPROP, tasks,
          "e-prop, " + config.learning().eprop().trials() + " trials"));
      if (config.bundle().path().isPresent()) {
        rows.add(adaptation(timer, config, LearningRule.NATURAL_EPROP, tasks, "natural e-prop"));
      }
      print(out, "adaptation: learning one demonstration (" + config.crossbar().preset().name().toLowerCase(Locale.ROOT).replace('_', '-')
          + " crossbar)", rows, "ms");
      if (config.bundle().path().isEmpty()) {
        out.println("natural e-prop: not timed, no bundle (give --bundle with a --config that carries its networks)");
      }
    }
    out.flush();
    return 0;
  }

  private static OperationTimer.Measurement adaptation(OperationTimer timer, EngramConfig config,
      LearningRule rule, List<MotionTask> tasks, String name) throws java.io.IOException {
    LearningConfig l = config.learning();
    EngramConfig c = config.withLearning(new LearningConfig(rule, l.eta(), l.updateQuantum(), l.readout(), l.eprop()));
    InnerLoopEvaluation evaluation = LearningSetup.of(c);
    Trainee trainee = evaluation.newTrainee();
    int[] next = {0};
    return timer.measure(name, () -> {
      int i = next[0]++ % tasks.size();
      return evaluation.run(trainee, i, tasks.get(i)).after().endEffectorErrorCm();
    });
  }

  private static void print(PrintWriter out, String title, List<OperationTimer.Measurement> rows, String unit) {
    double scale = unit.equals("us") ? 1e3 : 1e6;
    OperationTimer.Measurement baseline = rows.get(0);
    out.println(title);
    out.printf(Locale.ROOT, "%-32s %10s %10s %10s %10s %12s %10s%n", "operation", "mean " + unit, "p50 " + unit,
        "p99 " + unit, "calls", "bytes/call", "ratio");
    for (OperationTimer.Measurement m : rows) {
      out.printf(Locale.ROOT, "%-32s %10.2f %10.2f %10.2f %10d %12.1f %9.2fx%n", m.name(), m.meanNanos() / scale,
          m.p50Nanos() / scale, m.p99Nanos() / scale, m.operations(), m.bytesPerOperation(), m.ratioTo(baseline));
    }
    out.println();
  }
}
