package io.engram.session;

import io.engram.bridge.hardware.ArmConnector;
import io.engram.bridge.hardware.ArmHardware;
import io.engram.bridge.hardware.HardwareException;
import io.engram.bridge.hardware.Health;
import io.engram.bridge.hardware.LifecycleState;
import io.engram.bridge.safety.SafetyIo;
import io.engram.bridge.safety.SafetyIoFactory;
import io.engram.bundle.MetaParameters;
import io.engram.config.ConfigNames;
import io.engram.config.ControlConfig;
import io.engram.config.EngramConfig;
import io.engram.config.RobotConfig;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.CalibrationCheck;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.yaml.CalibrationLoader;
import io.engram.control.ControlLoop;
import io.engram.control.HomingController;
import io.engram.control.LoopOutcome;
import io.engram.control.LoopResult;
import io.engram.control.LoopStatistics;
import io.engram.control.RecordingController;
import io.engram.control.TraineeController;
import io.engram.crossbar.CrossbarArray;
import io.engram.crossbar.ProgrammingReport;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.TaskOutcome;
import io.engram.snn.SpikeCounter;
import io.engram.snn.StepObserver;
import io.engram.snn.Trainee;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.telemetry.NetworkActivity;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user runs on the board: an arm, a trainee on the crossbar and a learning rule, and the
 * cycle of taking a demonstration, adapting once and performing the learned motion.
 *
 * <p>{@link #open} first reads the calibration file the configuration names, if any, and checks it
 * ({@link CalibrationCheck}: a finding is a warning, or under {@code calibration.strict} an error
 * raised before anything is connected); its joint part replaces the configured encoder offsets,
 * directions and counts per degree of the robot the hardware interface and the control loop see,
 * its crossbar part is applied to the trainee's array. It then builds the safety I/O and the
 * hardware interface the configuration names, configures the arm (it is checked against the
 * configuration) and programs the crossbar with the bundle's initial weights. {@link
 * #learnAndPerform} takes one demonstration (from a task file, the task family, a recording, or
 * any other source such as a remote command), reprograms the trainee to the initial weights,
 * adapts it once, brings the arm home if it is not there, performs the learned motion in the
 * control loop and reports the errors. The motors are enabled only while the
 * loop drives the arm, and {@link #close} disables them and releases everything, whatever happened
 * before.
 */
public final class Session implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  /** Homing: gain (1/s), speed cap (rad/s) and how long it may take (s). */
  private static final double HOMING_GAIN_PER_S = 4.0;

  private static final double HOMING_SPEED_RAD_S = 0.6;
  private static final double HOMING_TIMEOUT_S = 20.0;

  private final EngramConfig config;
  private volatile InnerLoopEvaluation learning;
  private final SafetyIo safety;
  private final ArmConnector.Connection connection;
  private final ControlLoop loop;
  private final Trainee trainee;
  private final ArmModel arm;
  private final LoopStatistics performance;
  private volatile String remoteEstop;
  private final Optional<Calibration> calibration;
  private final List<String> calibrationFindings;

  private Session(EngramConfig config, InnerLoopEvaluation learning, SafetyIo safety,
      ArmConnector.Connection connection, Optional<Calibration> calibration,
      List<String> calibrationFindings) {
    this.config = config;
    this.calibration = calibration;
    this.calibrationFindings = calibrationFindings;
    this.learning = learning.withInferenceDelay(config.crossbar().tInferenceS());
    this.safety = safety;
    this.connection = connection;
    this.loop = new ControlLoop(connection.hardware(), config.robot(), config.control());
    this.trainee = this.learning.newTrainee();
    this.arm = ArmModel.of(config);
    this.performance = new LoopStatistics(config.control().ioPeriodNanos());
  }

  /**
   * Connects to the arm of {@code config}; {@code learning} makes the trainee (its plastic weights
   * on the synapses it was given, the crossbar on the board), programs it with the initial weights
   * and adapts it with its rule. The crossbar's {@code t-inference} passes between adapting and
   * performing.
   *
   * @throws HardwareException if the arm cannot be reached or does not match the configuration
   * @throws io.engram.config.ConfigException if the calibration file is unreadable or malformed,
   *     or (under {@code calibration.strict}) stale or made for another robot
   */
  public static Session open(EngramConfig config, InnerLoopEvaluation learning)
      throws HardwareException {
    return open(config, learning, config.robot());
  }

  /**
   * As {@link #open(EngramConfig, InnerLoopEvaluation)}; an emulated link's arm has the joints
   * (encoders included) of {@code emulatedArm} instead of the configured ones, to rehearse against
   * an arm the configuration describes wrongly. Ignored over a serial port.
   */
  public static Session open(EngramConfig config, InnerLoopEvaluation learning,
      RobotConfig emulatedArm) throws HardwareException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(learning, "learning");
    Objects.requireNonNull(emulatedArm, "emulatedArm");
    Optional<Path> file = config.calibration().file();
    Optional<Calibration> calibration = file.map(CalibrationLoader::load);
    List<String> findings = calibration.map(c -> CalibrationCheck.check(c, file.get().toString(),
        config.robot().id(), Clock.systemUTC().instant(), config.calibration().policy()))
        .orElse(List.of());
    for (String f : findings) {
      LOG.warn("{}: {}", file.get(), f);
    }
    EngramConfig host = calibration.map(c -> config.withRobot(c.applyTo(config.robot())))
        .orElse(config);
    SafetyIo safety = SafetyIoFactory.create(config.gpio());
    ArmConnector.Connection connection = null;
    try {
      connection = ArmConnector.connect(config.withRobot(emulatedArm), host.robot(), safety);
      Session s = new Session(host, learning, safety, connection, calibration, findings);
      calibration.ifPresent(c -> s.applyCalibration(file.get(), c));
      connection.hardware().configure();
      LOG.info("session open: {} rule, crossbar {}, loop period {} ms, {} network step(s) per"
              + " period", learning.rule().name(), ConfigNames.of(config.crossbar().preset()),
          config.control().ioPeriodNanos() / 1e6, config.control().stepsPerPeriod());
      return s;
    } catch (HardwareException | RuntimeException e) {
      if (connection != null) {
        connection.close();
      }
      safety.close();
      throw e;
    }
  }

  /** The configuration, its robot corrected by the calibration's joint part if there is one. */
  public EngramConfig config() {
    return config;
  }

  /** The calibration file's content the session applied, if the configuration names one. */
  public Optional<Calibration> calibration() {
    return calibration;
  }

  /** What {@link CalibrationCheck} found wrong with the calibration (warnings); empty if none. */
  public List<String> calibrationFindings() {
    return calibrationFindings;
  }

  private void applyCalibration(Path file, Calibration c) {
    c.joints().ifPresent(j -> LOG.info("{}: joint calibration of {} applied ({})", file,
        j.joints().stream().map(k -> k.name()).toList(), j.created()));
    if (c.crossbar().isEmpty()) {
      return;
    }
    CrossbarCalibration x = c.crossbar().get();
    if (!(trainee.network().synapses() instanceof CrossbarArray array)) {
      LOG.warn("{}: crossbar calibration not applied: the trainee's weights are not on a crossbar",
          file);
      return;
    }
    array.applyCalibration(x);
    LOG.info("{}: crossbar calibration applied ({} stuck devices, remedy {}, {})", file,
        x.stuckDevices(), ConfigNames.of(x.remedy()), x.created());
  }

  /** The arm's hardware interface. */
  public ArmHardware hardware() {
    return connection.hardware();
  }

  /** The hardware connection; its emulator is non-null for an emulated arm. */
  public ArmConnector.Connection connection() {
    return connection;
  }

  public SafetyIo safety() {
    return safety;
  }

  /** The control loop (ask it to stop from another thread with {@link ControlLoop#requestStop}). */
  public ControlLoop loop() {
    return loop;
  }

  public Trainee trainee() {
    return trainee;
  }

  /** The inner loop: the rule, the meta-parameters and the metrics the errors are measured with. */
  public InnerLoopEvaluation learning() {
    return learning;
  }

  /**
   * Reads the arm; if a joint is farther from home than the configured tolerance, drives it home.
   *
   * @return the homing run's result, or null when the arm was already home
   * @throws HardwareException if the arm cannot be read or activated, or homing failed
   */
  public LoopResult home() throws HardwareException {
    requireNoRemoteEstop();
    ArmHardware hw = hardware();
    double[] q = readPositions();
    double tolerance = config.control().homeTolerance();
    if (HomingController.atHome(q, tolerance)) {
      return null;
    }
    LOG.info("arm is away from home; homing");
    hw.activate();
    int maxPeriods = (int) Math.ceil(HOMING_TIMEOUT_S * config.control().ioRateHz());
    HomingController homing =
        new HomingController(HOMING_GAIN_PER_S, HOMING_SPEED_RAD_S, tolerance, maxPeriods);
    LoopResult r = loop.run(homing, true);
    if (!r.completed() || !homing.homed()) {
      throw new HardwareException("homing failed: " + (r.completed() ? "home not reached in "
          + HOMING_TIMEOUT_S + " s" : r.outcome() + " (" + r.reason() + ")"));
    }
    return r;
  }

  private double[] readPositions() throws HardwareException {
    ArmHardware hw = hardware();
    // A lost sample is retried: before the first fresh one the arm reads STALE, not LATE.
    Health h = hw.read(System.nanoTime());
    for (int attempt = 0; attempt < 5 && (h == Health.LATE || h == Health.STALE); attempt++) {
      h = hw.read(System.nanoTime());
    }
    if (h != Health.OK && h != Health.LATE) {
      throw new HardwareException("cannot read the arm: " + h
          + (hw.errorReason().isEmpty() ? "" : " (" + hw.errorReason() + ")"));
    }
    RobotConfig robot = config.robot();
    double[] q = new double[robot.joints().size()];
    for (int j = 0; j < q.length; j++) {
      q[j] = hw.stateHandle(robot.joints().get(j).name()).position();
    }
    return q;
  }

  /**
   * Records a demonstration from the joint sensors while the motors stay disabled and the arm is
   * moved by hand (on the emulated arm: while it replays {@code guided}, the motion a person
   * would show). Samples one trial's duration, then smooths the angles and turns them into a
   * target ({@link RecordedDemonstration}).
   *
   * @param guided driven-joint angles (rad) per arm step, the external motion the emulated arm
   *     replays; ignored (may be null) on a real arm, where a person moves it
   * @throws HardwareException if the arm cannot be read while recording
   */
  public MotionTask recordDemonstration(double[] guided) throws HardwareException {
    ArmHardware hw = hardware();
    if (hw.state() == LifecycleState.ACTIVE) {
      hw.deactivate();
    }
    ControlConfig control = config.control();
    int steps = control.trialSteps();
    double period = control.ioPeriodNanos() * 1e-9;
    int periods = (int) Math.ceil(steps * control.integrationConstantS() / period) + 2;
    int[] driven = config.robot().drivenJointIndices();
    Runnable guide = null;
    if (connection.emulator() != null) {
      if (guided == null) {
        throw new IllegalArgumentException("an emulated arm needs a guided motion to replay");
      }
      int n = config.robot().joints().size();
      double[][] rows = new double[steps + 1][n];
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < driven.length; k++) {
          rows[t + 1][driven[k]] = guided[t * driven.length + k];
        }
      }
      long stepNanos = control.armStep().toNanos();
      guide = () -> connection.emulator().arm().replay(rows, stepNanos);
    }
    LOG.info("recording a demonstration for {} s with the motors disabled",
        String.format("%.2f", periods * period));
    RecordingController recorder = new RecordingController(driven, periods, guide);
    LoopResult r = loop.run(recorder, false);
    if (!r.completed()) {
      throw new HardwareException("recording stopped: " + r.outcome() + " (" + r.reason() + ")");
    }
    return RecordedDemonstration.toTask(recorder.angles(), recorder.timesS(), control, arm);
  }

  /**
   * Learns {@code demonstration} and performs it: the inner loop reprograms the trainee to the
   * initial weights, measures it before, adapts it with the rule, lets the crossbar's inference
   * delay pass and measures it after; then the arm is brought home and performs the learned motion
   * in the control loop. This is the entry point for demonstrations from any source.
   *
   * @param index the demonstration's number (restarts the crossbar's noise streams, so results do
   *     not depend on what ran before)
   * @throws HardwareException if the arm cannot be homed or activated; a motion stopped by a
   *     fault is not an exception but a report whose loop result says why
   */
  public TrialReport learnAndPerform(int index, MotionTask demonstration) throws HardwareException {
    return perform(adapt(index, demonstration).outcome());
  }

  /**
   * Learns {@code demonstration} without moving the arm: the inner loop reprograms the trainee to
   * the initial weights of the meta-parameters in use, measures it before, adapts it with the
   * rule, lets the crossbar's inference delay pass and measures it after. The trainee keeps the
   * learned weights for {@link #perform}.
   *
   * @param index the demonstration's number (restarts the crossbar's noise streams)
   */
  public LearnedMotion adapt(int index, MotionTask demonstration) {
    ControlConfig control = config.control();
    if (demonstration.steps() != control.trialSteps()) {
      throw new IllegalArgumentException("the demonstration has " + demonstration.steps()
          + " steps, a trial " + control.trialSteps());
    }
    InnerLoopEvaluation inUse = learning;
    int neurons = trainee.network().shape().neurons();
    SpikeCounter before = new SpikeCounter(neurons);
    SpikeCounter after = new SpikeCounter(neurons);
    // The crossbar's last programming as the trial before and the trial after see it: the reset
    // to the initial weights, then the update's if the rule wrote the array.
    CrossbarArray array = trainee.network().synapses() instanceof CrossbarArray a ? a : null;
    ProgrammingReport[] seen = new ProgrammingReport[2];
    StepObserver beforeTrial = (t, state) -> {
      if (t == 0 && array != null) {
        seen[0] = array.lastProgramming();
      }
      before.afterStep(t, state);
    };
    StepObserver afterTrial = (t, state) -> {
      if (t == 0 && array != null) {
        seen[1] = array.lastProgramming();
      }
      after.afterStep(t, state);
    };
    TaskOutcome outcome = inUse.run(trainee, index, demonstration, beforeTrial, afterTrial);
    long devices = seen[1] != null && seen[1] != seen[0] ? seen[1].devicesWritten() : 0;
    LOG.info("demonstration {}: {} wrote {} devices; inner loop {} ms; offline error {} cm"
            + " before, {} cm after", index, outcome.adaptation().rule(),
        outcome.adaptation().cellsWritten(), String.format("%.0f", outcome.nanos() / 1e6),
        String.format("%.2f", outcome.before().endEffectorErrorCm()),
        String.format("%.2f", outcome.after().endEffectorErrorCm()));
    double dtMs = trainee.network().parameters().neurons().dtMs();
    return new LearnedMotion(outcome,
        NetworkActivity.fromSpikeCounts("trainee", "before-adaptation", before.counts(),
            before.steps(), dtMs),
        NetworkActivity.fromSpikeCounts("trainee", "after-adaptation", after.counts(),
            after.steps(), dtMs), devices);
  }

  /**
   * Performs the motion the trainee learned last ({@code learned}, from {@link #adapt}) on the arm:
   * brings the arm home if it is not there, enables the motors, runs the trainee in the control
   * loop and disables the motors when the loop ends, however it ends.
   *
   * @throws HardwareException if the arm cannot be homed or activated, or an e-stop is latched; a
   *     motion stopped by a fault or a stop request is not an exception but a report whose loop
   *     result says why
   */
  public TrialReport perform(TaskOutcome learned) throws HardwareException {
    ControlConfig control = config.control();
    home();
    requireNoRemoteEstop();
    hardware().activate();
    TraineeController controller = new TraineeController(trainee, config.robot(), control);
    LOG.info("performing demonstration {} ({} periods)", learned.index(), controller.periods());
    LoopResult result = loop.run(controller, true);
    performance.add(loop.statistics());
    if (result.outcome() != LoopOutcome.COMPLETED) {
      LOG.warn("motion {} stopped: {} ({})", learned.index(), result.outcome(), result.reason());
    }
    return PathComparison.report(learned, controller, control, arm, result);
  }

  /**
   * Adapts from now on with {@code meta} (a bundle verified against this session's configuration)
   * instead of the meta-parameters in use. An adaptation under way keeps the ones it started with;
   * the trainee keeps its weights until the next {@link #adapt} reprograms it from {@code meta}.
   *
   * @throws IllegalArgumentException if the rule needs what {@code meta} lacks
   */
  public void useMetaParameters(MetaParameters meta) {
    learning = LearningSetup.of(config, meta).withInferenceDelay(config.crossbar().tInferenceS());
  }

  /**
   * Stops the arm now from any thread, as a remote e-stop: the motor-enable output is cut at
   * once, the running loop ends at its next period (disabling the motors), and the arm will not
   * move again until {@link #resetRemoteEstop()}.
   */
  public void remoteEstop(String why) {
    remoteEstop = why == null || why.isEmpty() ? "remote e-stop" : why;
    safety.motorEnable(false);
    loop.requestStop();
    LOG.warn("e-stop: {}", remoteEstop);
  }

  /** Whether a remote e-stop is latched. */
  public boolean remoteEstopLatched() {
    return remoteEstop != null;
  }

  /**
   * Clears a latched remote e-stop, and the board's e-stop latch if its input is released.
   *
   * @return whether the arm may move again (false while the e-stop input is still held)
   */
  public boolean resetRemoteEstop() {
    remoteEstop = null;
    return safety.resetEstop(System.nanoTime());
  }

  private void requireNoRemoteEstop() throws HardwareException {
    String why = remoteEstop;
    if (why != null) {
      throw new HardwareException("e-stop latched (" + why + "); reset it before moving the arm");
    }
  }

  /** Loop timing summed over every performed motion of this session (homing not included). */
  public LoopStatistics performanceTiming() {
    return performance;
  }

  /** Disables the motors, closes the link, stops the emulator and releases the safety I/O. */
  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      safety.close();
    }
  }
}
