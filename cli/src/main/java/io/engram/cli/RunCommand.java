package io.engram.cli;

import io.engram.bridge.hardware.HardwareException;
import io.engram.config.BundleConfig;
import io.engram.config.ConfigNames;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.RobotConfig;
import io.engram.config.Transport;
import io.engram.config.yaml.ConfigLoader;
import io.engram.control.LoopStatistics;
import io.engram.control.LoopTimingSummary;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.session.LearnedMotion;
import io.engram.session.LearningSetup;
import io.engram.session.Session;
import io.engram.session.TrialReport;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import io.engram.task.TaskFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram run}: the main job. Connects to the arm of the configuration (by default the
 * emulated ED-Scorbot in process), and for each demonstration learns it on the device, performs
 * it in the control loop and measures the commanded and measured paths against the target.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Learns motions from one demonstration each and performs them on the arm: prints progress,"
          + " a table of end-effector errors before and after learning, the control loop's"
          + " period and latency percentiles, and draws target vs performed paths."
    })
final class RunCommand implements Callable<Integer> {

  /** The configuration run without --config, relative to the repository or working directory. */
  static final String DEFAULT_CONFIG = "robot-config/examples/ed-scorbot-sim.yaml";

  private static final Pattern SAMPLE = Pattern.compile("sample:(\\d{1,9}):(-?\\d{1,18})");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE.yaml",
      description = "Configuration file (default: " + DEFAULT_CONFIG + ").")
  Path configFile;

  @Option(names = "--demo", paramLabel = "TASKS.npz|sample:N:SEED|record",
      description = "Demonstrations: every task of a task file, N tasks sampled from the task"
          + " family with SEED, or one recorded from the joint sensors while the arm is moved with"
          + " its motors disabled (the emulated arm replays a sampled motion). Default: sample:3"
          + " with the configuration's task seed.")
  String demo;

  @Option(names = "--trials", paramLabel = "K",
      description = "Training trials of the demonstration for rule eprop (default: the"
          + " configuration's learning.eprop.trials).")
  Integer trials;

  @Option(names = "--plot", paramLabel = "FILE.png", defaultValue = "engram-run.png",
      description = "Where to draw target, commanded and measured end-effector paths"
          + " (default: ${DEFAULT-VALUE}).")
  Path plot;

  @Option(names = "--device", paramLabel = "ideal|pcm|pcm-drift",
      description = "Crossbar preset (default: the configuration's crossbar).")
  String device;

  @Option(names = "--rule", paramLabel = "natural-eprop|readout|eprop",
      description = "Learning rule (default: the configuration's learning.rule).")
  String rule;

  @Option(names = "--bundle", paramLabel = "BUNDLE.npz",
      description = "Meta-parameter bundle (default: the configuration's bundle.path).")
  Path bundle;

  @Option(names = "--mqtt", paramLabel = "URI",
      description = "Publish status and telemetry and accept commands (estop, stop, reset) over"
          + " MQTT at this broker, tcp://host:1883 or ssl://host:8883 (default: the configuration's"
          + " mqtt section).")
  String mqttUri;

  @Option(names = "--serve",
      description = "With MQTT: connect the arm, publish status idle and wait for commands (adapt,"
          + " run, stop, estop, reset) until SIGTERM or Ctrl-C, instead of performing --demo"
          + " (default: the configuration's mqtt.serve).")
  boolean serve;

  /** Set by {@link #endServing()}. */
  private volatile boolean endServing;

  @Option(names = "--robot-id", paramLabel = "ID",
      description = "Robot id in the MQTT client id and topics engram/ID/... (default: robot.id).")
  String robotId;

  @Option(names = "--calibration", paramLabel = "FILE.yaml",
      description = "Calibration file (engram calibrate) applied to the joints and the crossbar"
          + " (default: the configuration's calibration.file, or none).")
  Path calibration;

  @Option(names = "--emulated-arm", paramLabel = "FILE.yaml",
      description = "With an emulated link: take the emulated arm's joints (its true encoders)"
          + " from this configuration instead, to rehearse against an arm the configuration"
          + " describes wrongly.")
  Path emulatedArm;

  @Override
  public Integer call() throws IOException, HardwareException {
    PrintWriter out = spec.commandLine().getOut();
    EngramConfig config = configure();
    RobotConfig armRobot = config.robot();
    if (emulatedArm != null) {
      if (config.link().transport() != Transport.EMULATED) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--emulated-arm needs a configuration whose link is emulated");
      }
      armRobot = ConfigLoader.load(emulatedArm).robot();
    }
    List<MotionTask> demos = config.mqtt().serve() ? List.of() : sampledOrFileDemos(config);
    InnerLoopEvaluation learning = LearningSetup.of(config);
    out.printf(Locale.ROOT, "engram run: %s, %s arm over %s, rule %s, crossbar %s, loop %.1f ms"
            + " x %d network step(s)%n", config.robot().id(), config.link().transport()
            .toString().toLowerCase(Locale.ROOT), config.link().protocol().toString()
            .toLowerCase(Locale.ROOT), learning.rule().name(), ConfigNames.of(config.crossbar().preset()),
        config.control().ioPeriodNanos() / 1e6, config.control().stepsPerPeriod());
    out.flush();
    List<TrialReport> reports = new ArrayList<>();
    boolean stopped = false;
    boolean signalled = false;
    // SIGTERM or Ctrl-C stops the arm and closes the session (motors disabled) before the exit.
    try (GracefulShutdown shutdown = GracefulShutdown.install(GracefulShutdown.DEFAULT_GRACE);
        Session session = shutdown.guard(Session.open(config, learning, armRobot));
        RunTelemetry remote = RunTelemetry.open(config, session)) {
      out.println("arm: " + session.hardware().description());
      session.calibration().ifPresent(c -> {
        List<String> parts = new ArrayList<>();
        c.joints().ifPresent(j -> parts.add("joints"));
        c.crossbar().ifPresent(x -> parts.add("crossbar"));
        out.println("calibration: " + config.calibration().file().orElseThrow() + " applied ("
            + String.join(", ", parts) + ")");
      });
      for (String finding : session.calibrationFindings()) {
        out.println("WARNING: calibration: " + finding);
      }
      if (remote.enabled()) {
        out.println("mqtt: " + config.mqtt().brokerUri() + ", topics under "
            + config.mqtt().topicPrefix() + "/");
      }
      if (session.home() != null) {
        out.println("arm homed");
      }
      if (remote.serve().isPresent()) {
        out.println("serving: waiting for commands on " + config.mqtt().topicPrefix()
            + "/cmd/{adapt,run,stop,estop,reset} (SIGTERM or Ctrl-C ends)");
        out.flush();
        while (!shutdown.requested() && !endServing) {
          try {
            Thread.sleep(GracefulShutdown.POLL_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        remote.close();
        out.println("serving ended: arm " + session.hardware().state() + ", motors disabled");
        out.flush();
        return 0;
      }
      if (demos == null) {
        MotionTask guided = TaskFamily.of(config).sample(1, config.task().seed()).get(0);
        out.printf(Locale.ROOT, "recording a demonstration for %.1f s: move the arm (the emulated"
            + " arm replays a sampled motion) ...%n", config.control().trialDuration().toMillis() / 1e3);
        out.flush();
        demos = List.of(session.recordDemonstration(guided.angles()));
        out.println("recorded");
      }
      for (int i = 0; i < demos.size() && !stopped && !shutdown.requested(); i++) {
        out.printf(Locale.ROOT, "[%d/%d] learning demonstration %d%s ...%n", i + 1, demos.size(), i,
            demos.get(i).clipped() ? " (hits the angle clip)" : "");
        out.flush();
        remote.performing(i);
        TrialReport r;
        try {
          LearnedMotion learned = session.adapt(i, demos.get(i));
          remote.adapted(learned);
          r = session.perform(learned.outcome());
        } catch (HardwareException e) {
          // The arm could not be homed or activated (or a remote e-stop is latched): it is
          // stopped; report what was done.
          out.printf(Locale.ROOT, "[%d/%d] STOPPED: %s%n", i + 1, demos.size(), e.getMessage());
          stopped = true;
          break;
        }
        reports.add(r);
        out.printf(Locale.ROOT, "[%d/%d] %s wrote %d devices; performed %d periods: commanded %.2f"
                + " cm, measured %.2f cm from the target, %.2f cm apart%s%n", i + 1, demos.size(),
            r.learning().adaptation().rule(), r.learning().adaptation().cellsWritten(),
            r.periodsPerformed(), r.commandedErrorCm(), r.measuredErrorCm(), r.trackingErrorCm(),
            r.completed() ? "" : " -- STOPPED: " + r.loop().outcome() + " (" + r.loop().reason() + ")");
        out.flush();
        stopped = !r.completed() || session.remoteEstopLatched();
      }
      signalled = shutdown.requested();
      stopped |= signalled;
      remote.finished(stopped);
      if (!stopped) {
        session.home();
      }
      printTable(out, reports);
      printTiming(out, session.performanceTiming(), config);
    }
    if (!reports.isEmpty() && !signalled) {
      RunPlot.write(plot, reports);
      out.println("plot: " + plot.toAbsolutePath());
    }
    out.flush();
    return stopped ? 3 : 0;
  }

  /** Ends a serving run as a shutdown signal would, without one (tests in this JVM). */
  void endServing() {
    endServing = true;
  }

  private EngramConfig configure() throws IOException {
    EngramConfig config = ConfigLoader.load(configPath());
    if (device != null) {
      config = config.withCrossbar(config.crossbar().withDevice(choice(CrossbarPreset.class, device,
          "--device")));
    }
    if (rule != null || trials != null) {
      if (trials != null && trials < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--trials must be >= 1");
      }
      LearningConfig l = config.learning();
      LearningRule r = rule != null ? choice(LearningRule.class, rule, "--rule") : l.rule();
      config = config.withLearning(new LearningConfig(r, l.eta(), l.updateQuantum(), l.readout(),
          trials != null ? l.eprop().withTrials(trials) : l.eprop()));
    }
    if (serve) {
      if (mqttUri == null && !config.mqtt().enabled()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--serve needs a broker: --mqtt URI, or mqtt.enabled: true in the configuration");
      }
      if (demo != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--serve takes its demonstrations from adapt commands; drop --demo");
      }
    }
    if (mqttUri != null) {
      try {
        java.net.URI u = new java.net.URI(mqttUri);
        if (!List.of("tcp", "ssl").contains(u.getScheme()) || u.getHost() == null) {
          throw new java.net.URISyntaxException(mqttUri, "expected tcp://host:port or ssl://host:port");
        }
      } catch (java.net.URISyntaxException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--mqtt: " + e.getMessage());
      }
      config = config.withMqtt(config.mqtt().connectedTo(mqttUri));
    }
    if (robotId != null) {
      if (robotId.isBlank() || robotId.contains("/") || robotId.contains("+") || robotId.contains("#")) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--robot-id must be non-empty, without '/', '+' or '#'");
      }
      config = config.withMqtt(config.mqtt().forRobot(robotId));
    }
    if (serve) {
      config = config.withMqtt(config.mqtt().serving(true));
    }
    if (calibration != null) {
      config = config.withCalibration(config.calibration().withFile(calibration));
    }
    if (bundle != null) {
      BundleConfig b = config.bundle();
      config = config.withBundle(new BundleConfig(Optional.of(bundle), b.seed(), b.initialRateHz()));
    }
    return config;
  }

  private Path configPath() {
    if (configFile != null) {
      return configFile;
    }
    Path here = Path.of(DEFAULT_CONFIG);
    if (Files.isRegularFile(here)) {
      return here;
    }
    String home = System.getenv("ENGRAM_HOME");
    if (home != null && Files.isRegularFile(Path.of(home, DEFAULT_CONFIG))) {
      return Path.of(home, DEFAULT_CONFIG);
    }
    throw new CommandLine.ParameterException(spec.commandLine(),
        "no --config given and " + DEFAULT_CONFIG + " not found here or under ENGRAM_HOME");
  }

  private <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
    return ConfigNames.parse(type, value).orElseThrow(() -> new CommandLine.ParameterException(
        spec.commandLine(), option + ": expected one of " + ConfigNames.choices(type) + ", got "
            + value));
  }

  /** The demonstrations of --demo, or null for a recorded one. */
  private List<MotionTask> sampledOrFileDemos(EngramConfig config) throws IOException {
    String spec0 = demo != null ? demo : "sample:3:" + config.task().seed();
    if (spec0.equals("record")) {
      return null;
    }
    Matcher m = SAMPLE.matcher(spec0);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      if (n < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--demo sample:N:SEED needs N >= 1");
      }
      return TaskFamily.of(config).sample(n, Long.parseLong(m.group(2)));
    }
    if (spec0.startsWith("sample:")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--demo: expected sample:N:SEED (e.g. sample:3:1), got " + spec0);
    }
    List<MotionTask> tasks = TaskFile.read(Path.of(spec0), ArmModel.of(config));
    if (tasks.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--demo: " + spec0 + " holds no tasks");
    }
    return tasks;
  }

  private static void printTable(PrintWriter w, List<TrialReport> reports) {
    w.println();
    w.println("end-effector error vs target (cm): network output before and after learning"
        + " (reference metric), and on the arm: commanded path (after limits) and measured path");
    w.println("demo  clipped   before    after   commanded   measured   cmd-vs-meas   limited   outcome");
    double[] sums = new double[5];
    int n = 0;
    for (TrialReport r : reports) {
      w.printf(Locale.ROOT, "%4d  %-7s  %7.2f  %7.2f  %10.2f  %9.2f  %12.2f  %8d   %s%n", r.index(),
          r.demonstration().clipped() ? "yes" : "no", r.learning().before().endEffectorErrorCm(),
          r.learning().after().endEffectorErrorCm(), r.commandedErrorCm(), r.measuredErrorCm(),
          r.trackingErrorCm(), r.velocityScalings() + r.positionClamps(),
          r.loop().outcome().toString().toLowerCase(Locale.ROOT));
      sums[0] += r.learning().before().endEffectorErrorCm();
      sums[1] += r.learning().after().endEffectorErrorCm();
      sums[2] += r.commandedErrorCm();
      sums[3] += r.measuredErrorCm();
      sums[4] += r.trackingErrorCm();
      n++;
    }
    if (n > 1) {
      w.printf(Locale.ROOT, "mean           %7.2f  %7.2f  %10.2f  %9.2f  %12.2f%n", sums[0] / n,
          sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n);
    }
  }

  private static void printTiming(PrintWriter w, LoopStatistics s, EngramConfig config) {
    LoopTimingSummary t = s.summary();
    w.println();
    w.printf(Locale.ROOT, "control loop: %d periods of %.1f ms, %d overruns (%d periods skipped)%n",
        s.iterations(), config.control().ioPeriodNanos() / 1e6, s.overruns(), s.skippedPeriods());
    w.println("               p50        p99      p99.9        max   (us)");
    w.printf(Locale.ROOT, "period   %9.0f  %9.0f  %9.0f  %9.0f%n", t.periodP50Us(), t.periodP99Us(),
        t.periodP999Us(), t.periodMaxUs());
    w.printf(Locale.ROOT, "latency  %9.0f  %9.0f  %9.0f  %9.0f   (read, step, write)%n",
        t.latencyP50Us(), t.latencyP99Us(), t.latencyP999Us(), t.latencyMaxUs());
  }
}
