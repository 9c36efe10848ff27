package io.engram.cli;

import io.engram.bridge.hardware.ArmConnector;
import io.engram.bridge.hardware.ArmHardware;
import io.engram.bridge.hardware.HardwareException;
import io.engram.bridge.safety.SafetyIo;
import io.engram.bridge.safety.SafetyIoFactory;
import io.engram.bundle.BundleOrigin;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.calibration.CalibrationException;
import io.engram.calibration.Progress;
import io.engram.calibration.crossbar.CrossbarCalibrator;
import io.engram.calibration.crossbar.DriftSchedule;
import io.engram.calibration.crossbar.FaultCalibrationStudy;
import io.engram.calibration.crossbar.VerifyTuning;
import io.engram.calibration.joints.JointCalibrationOptions;
import io.engram.calibration.joints.JointCalibrator;
import io.engram.calibration.joints.JointMeasurement;
import io.engram.config.ConfigNames;
import io.engram.config.CrossbarConfig;
import io.engram.config.EngramConfig;
import io.engram.config.JointConfig;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.FaultRemedy;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.yaml.CalibrationLoader;
import io.engram.config.yaml.CalibrationWriter;
import io.engram.config.yaml.ConfigLoader;
import io.engram.crossbar.CrossbarArray;
import io.engram.crossbar.CrossbarFactory;
import io.engram.learning.NaturalEpropParameters;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code engram calibrate crossbar|joints}: measure the crossbar or the joints, write the file. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = "Calibrate the crossbar or the joints and write the calibration file that"
        + " engram run reads.",
    subcommands = {CalibrateCommand.Crossbar.class, CalibrateCommand.Joints.class})
final class CalibrateCommand implements Runnable {

  private static final Pattern SAMPLE = Pattern.compile("sample:(\\d+):(-?\\d+)");

  @CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options both calibrations take. */
  static final class FileOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE.yaml",
        description = "Configuration file of the robot and crossbar.")
    Path config;

    @Option(names = "--out", paramLabel = "FILE.yaml",
        description = "Calibration file to write (default: calibration.yaml beside the"
            + " configuration). The part not calibrated now is kept from the existing file.")
    Path out;

    Path outFile() {
      if (out != null) {
        return out;
      }
      Path dir = config.toAbsolutePath().getParent();
      return dir.resolve("calibration.yaml");
    }
  }

  /** The existing calibration at {@code file} for robot {@code id}, if any. */
  static Optional<Calibration> existing(Path file, String id, PrintWriter err) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Calibration old = CalibrationLoader.load(file); // a broken file is an error: nothing is lost
    if (!old.robotId().equals(id)) {
      err.println("note: " + file + " was made for robot '" + old.robotId() + "'; it is replaced");
      return Optional.empty();
    }
    return Optional.of(old);
  }

  /** Prints progress on stderr as "[ 40%] phase". */
  static Progress progress(PrintWriter err) {
    return (phase, fraction) -> {
      err.printf("[%3.0f%%] %s%n", 100 * fraction, phase);
      err.flush();
    };
  }

  // ---- crossbar ------------------------------------------------------------------------------

  /** {@code engram calibrate crossbar}. */
  @Command(
      name = "crossbar",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Tunes program-and-verify, finds stuck devices by probe reads and works around them,"
            + " fits the per-column affine correction and takes the drift reference with its"
            + " refresh schedule, for the trainee's weights on the configured crossbar.",
        "With --evaluate, also runs the one-shot inner loop on the tasks on a chip without stuck"
            + " devices, on this chip uncalibrated and calibrated, and prints the errors."
      })
  static final class Crossbar implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @CommandLine.Mixin FileOptions files;

    @CommandLine.Mixin CrossbarOptions crossbar;

    @Option(names = "--meta", paramLabel = "BUNDLE.npz",
        description = "Meta-parameter bundle whose trainee weights the crossbar holds (default:"
            + " the configuration's bundle; without one, seeded random weights).")
    Path meta;

    @Option(names = "--remedy", paramLabel = "none|pair|pair-and-patch",
        defaultValue = "pair-and-patch",
        description = "What to do about stuck devices: nothing; encode each cell around them;"
            + " and correct what remains digitally from probe reads (default: ${DEFAULT-VALUE}).")
    String remedy;

    @Option(names = "--evaluate", paramLabel = "sample:N:SEED",
        description = "Compare end-effector errors after one update on N sampled tasks (needs a"
            + " bundle with the learning-signal generator).")
    String evaluate;

    @Option(names = "--threads", paramLabel = "K",
        description = "Threads of the evaluation (default: available processors).")
    Integer threads;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      EngramConfig base = ConfigLoader.load(files.config);
      CrossbarConfig device = crossbar.apply(base.crossbar(), spec);
      EngramConfig config = base.withCrossbar(device);
      FaultRemedy fix = ConfigNames.parse(FaultRemedy.class, remedy).orElseThrow(
          () -> new CommandLine.ParameterException(spec.commandLine(),
              "--remedy: expected none, pair or pair-and-patch, got " + remedy));
      Path out0 = files.outFile();
      Optional<Calibration> old = existing(out0, config.robot().id(), err);
      Optional<Path> bundle = meta != null ? Optional.of(meta) : config.bundle().path();
      MetaParameters weights = null;
      if (bundle.isPresent()) {
        weights = MetaParameterBundle.load(bundle.get(), config, BundleOrigin.LOCAL_FILE,
            evaluate != null).parameters();
      } else if (evaluate != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--evaluate needs a bundle: give --meta BUNDLE.npz");
      }
      NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
      CrossbarArray array = CrossbarFactory.of(device).forNetwork(shape);
      double[] w = weights != null
          ? weights.traineeInput().stack(weights.traineeRecurrent().withZeroDiagonal()).toArray()
          : randomWeights(shape.synapticRows() * shape.neurons(), config.bundle().seed());
      CrossbarCalibrator.Options options = CrossbarCalibrator.Options.defaults().withRemedy(fix);
      err.println("calibrating a " + array.rows() + " x " + array.columns() + " crossbar ("
          + ConfigNames.of(device.preset()) + ", stuck-device rate "
          + (device.stuckSetRate() + device.stuckResetRate()) + ")");
      CrossbarCalibrator.Result result =
          new CrossbarCalibrator(options, Clock.systemUTC(), progress(err)).calibrate(array, w);
      CrossbarCalibration cal = result.calibration();
      Calibration file = old.map(c -> c.withCrossbar(cal))
          .orElse(Calibration.ofCrossbar(config.robot().id(), cal));
      CalibrationWriter.write(out0, file);
      printCrossbar(out, result, array);
      out.println("calibration written to " + out0);
      if (evaluate != null) {
        List<MotionTask> tasks = sampled(config, evaluate, spec);
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        NaturalEpropParameters rule = NaturalEpropParameters.of(config.learning());
        FaultCalibrationStudy.Result study = FaultCalibrationStudy.run(config, weights, rule,
            tasks, k, options, progress(err));
        out.println();
        out.printf("end-effector error after one update (%s, t-inference %.0f s, compensation %s,"
                + " %s tasks)%n", ConfigNames.of(device.preset()), device.tInferenceS(),
            ConfigNames.of(device.driftCompensation()), evaluate);
        out.println("chip                      non-clipped n   EE after (cm)    all n   EE after (cm)");
        for (FaultCalibrationStudy.Row r : study.rows()) {
          out.printf("%-24s %8d %9.2f +- %-5.2f %6d %8.2f +- %-5.2f%n", r.label(),
              r.nonClipped().tasks(), r.nonClipped().eeAfterCm(), r.nonClipped().eeAfterStdCm(),
              r.all().tasks(), r.all().eeAfterCm(), r.all().eeAfterStdCm());
        }
        double ref = study.rows().get(0).nonClipped().eeAfterCm();
        double fixed = study.rows().get(2).nonClipped().eeAfterCm();
        out.printf("calibrated / no stuck devices: %.3f (non-clipped tasks)%n", fixed / ref);
      }
      out.flush();
      return 0;
    }

    private static double[] randomWeights(int n, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = rng.nextDouble(-1, 1);
      }
      return w;
    }

    private static void printCrossbar(PrintWriter out, CrossbarCalibrator.Result r,
        CrossbarArray array) {
      VerifyTuning.Report t = r.tuning();
      out.printf("program-and-verify tuning (tolerance %.2f uS)%n", t.toleranceUs());
      out.println("pulses   rms residual (uS)   pulses per write   unverified");
      for (VerifyTuning.Row row : t.rows()) {
        out.printf("%6d %19.4f %18.2f %11.1f%%%s%n", row.pulses(), row.rmsResidualUs(),
            row.meanPulses(), 100 * row.unverifiedFraction(),
            row.pulses() == t.chosenPulses() ? "   <- chosen" : "");
      }
      CrossbarCalibration c = r.calibration();
      long devices = (long) c.rows() * c.columns() * c.devicesPerCell();
      out.printf("stuck devices: %d of %d (%.3f%%): %d at SET, %d at RESET, from %d probe reads;"
              + " remedy %s%n", c.stuckDevices(), devices, 100.0 * c.stuckDevices() / devices,
          c.stuckSet().length, c.stuckReset().length, r.faults().reads(),
          ConfigNames.of(c.remedy()));
      double[] g = c.columnGain();
      out.printf("per-column affine correction: gain %.4f .. %.4f; rms column error %.4g ->"
              + " %.4g%n", Arrays.stream(g).min().orElse(1), Arrays.stream(g).max().orElse(1),
          r.affine().rmsErrorBefore(), r.affine().rmsErrorAfter());
      double[] ages = DriftSchedule.ages(array.model().device().t0S(), c.refreshRatio(), 5);
      StringBuilder sb = new StringBuilder();
      for (double a : ages) {
        sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.1f s", a));
      }
      out.printf("drift reference: %d columns; mean drift exponent %.4f; refresh at ages x %.3f:"
          + " %s, ...%n", c.columns(), r.meanDriftExponent(), c.refreshRatio(), sb);
    }
  }

  static List<MotionTask> sampled(EngramConfig config, String spec, CommandSpec cmd) {
    Matcher m = SAMPLE.matcher(spec);
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
      throw new CommandLine.ParameterException(cmd.commandLine(),
          "--evaluate: expected sample:N:SEED with N >= 1, got " + spec);
    }
    return TaskFamily.of(config).sample(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
  }

  // ---- joints --------------------------------------------------------------------------------

  /** {@code engram calibrate joints}. */
  @Command(
      name = "joints",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Moves each joint through the hardware interface: small probe moves (command gain,"
            + " latency, backlash), then its limit switches (limit-switch: both; known-pose: one,"
            + " the arm starting at home), giving the encoder's home offset, direction and counts"
            + " per degree. The joints end at home. Keep clear of the arm."
      })
  static final class Joints implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @CommandLine.Mixin FileOptions files;

    @Option(names = "--method", paramLabel = "limit-switch|known-pose",
        defaultValue = "limit-switch", description = "How to find home (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--joints", split = ",", paramLabel = "NAME",
        description = "Joints to calibrate (default: the driven joints).")
    List<String> joints;

    @Option(names = "--search-speed", paramLabel = "DEG_PER_S", defaultValue = "60",
        description = "Speed of the moves to the limit switches (default: ${DEFAULT-VALUE}).")
    double searchSpeedDeg;

    @Option(names = "--emulated-arm", paramLabel = "FILE.yaml",
        description = "With an emulated link: take the emulated arm's joints (its true encoders)"
            + " from this configuration instead, to rehearse a calibration.")
    Path emulatedArm;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      EngramConfig config = ConfigLoader.load(files.config);
      HomingMethod how = ConfigNames.parse(HomingMethod.class, method).orElseThrow(
          () -> new CommandLine.ParameterException(spec.commandLine(),
              "--method: expected limit-switch or known-pose, got " + method));
      if (!(searchSpeedDeg > 0 && searchSpeedDeg <= 360)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--search-speed must lie in (0, 360] deg/s");
      }
      Path out0 = files.outFile();
      Optional<Calibration> old = existing(out0, config.robot().id(), err);
      EngramConfig arm = emulatedArm == null ? config
          : config.withRobot(ConfigLoader.load(emulatedArm).robot());
      JointCalibrationOptions options = JointCalibrationOptions.defaults().withMethod(how)
          .withJoints(joints == null ? List.of() : joints)
          .withSearchSpeed(Math.toRadians(searchSpeedDeg));
      List<JointMeasurement> measured;
      // A shutdown signal (systemctl stop, Ctrl-C) stops the calibration, which stops the arm;
      // the hook lets the JVM exit once the arm is closed, and no calibration file is written.
      java.util.concurrent.atomic.AtomicReference<JointCalibrator> running =
          new java.util.concurrent.atomic.AtomicReference<>();
      try (GracefulShutdown shutdown = GracefulShutdown.install(GracefulShutdown.DEFAULT_GRACE);
          SafetyIo safety = SafetyIoFactory.create(config.gpio());
          ArmConnector.Connection c = shutdown.guard(ArmConnector.connect(arm,
              JointCalibrator.hostView(config.robot()), safety), safety, () -> {
                JointCalibrator k = running.get();
                if (k != null) {
                  k.requestStop();
                }
              })) {
        ArmHardware hw = c.hardware();
        hw.configure();
        hw.activate();
        try {
          JointCalibrator calibrator = new JointCalibrator(hw, config.robot(),
              config.control().ioPeriodNanos(), options, Clock.systemUTC(), progress(err));
          running.set(calibrator);
          measured = calibrator.measureAll();
        } finally {
          hw.deactivate();
        }
      } catch (HardwareException e) {
        throw new IOException("the arm: " + e.getMessage(), e);
      } catch (CalibrationException e) {
        throw new IOException("joint calibration failed: " + e.getMessage(), e);
      } catch (Exception e) {
        if (e instanceof IOException io) {
          throw io;
        }
        throw new IllegalStateException(e);
      }
      JointCalibration cal = new JointCalibration(Clock.systemUTC().instant(), how,
          measured.stream().map(JointMeasurement::correction).toList());
      Calibration file = old.map(o -> o.withJoints(cal))
          .orElse(Calibration.ofJoints(config.robot().id(), cal));
      CalibrationWriter.write(out0, file);
      out.println("joint      offset (counts)     direction      counts/deg              latency"
          + "   backlash   home residual");
      out.println("           configured measured conf. meas.   configured  measured       (ms)"
          + "      (deg)        (counts)");
      List<String> changed = new ArrayList<>();
      for (JointMeasurement m : measured) {
        JointConfig j = config.robot().joint(m.correction().name());
        var k = m.correction();
        out.printf("%-10s %10d %8d %5d %5d %12.4f %9.4f %10.1f %10.3f %15.1f%n", k.name(),
            j.homeOffsetCounts(), k.homeOffsetCounts(), j.direction(), k.direction(),
            j.countsPerDegree(), k.countsPerDegree(), k.latencyMs(), k.backlashDeg(),
            m.homeResidualCounts());
        if (j.direction() != k.direction()
            || Math.abs(j.homeOffsetCounts() - k.homeOffsetCounts()) > 2
            || Math.abs(j.countsPerDegree() / k.countsPerDegree() - 1) > 0.005) {
          changed.add(k.name());
        }
      }
      out.println(changed.isEmpty() ? "every joint matches its configuration"
          : "differs from the configuration: " + String.join(", ", changed)
              + " (engram run applies the calibration file)");
      out.println("calibration written to " + out0);
      out.flush();
      return 0;
    }
  }

}
