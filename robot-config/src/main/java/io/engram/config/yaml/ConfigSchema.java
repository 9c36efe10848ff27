package io.engram.config.yaml;

import io.engram.config.ActiveLevel;
import io.engram.config.AngleRange;
import io.engram.config.BundleConfig;
import io.engram.config.CalibrationConfig;
import io.engram.config.ClockEncoderConfig;
import io.engram.config.ConfigConsistency;
import io.engram.config.ConfigProblem;
import io.engram.config.ControlConfig;
import io.engram.config.OverrunPolicy;
import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.DriftCompensation;
import io.engram.config.DynamixelConfig;
import io.engram.config.DynamixelOperatingMode;
import io.engram.config.EmulatorConfig;
import io.engram.config.EngramConfig;
import io.engram.config.EpropConfig;
import io.engram.config.EpropFeedback;
import io.engram.config.EpropOptimizer;
import io.engram.config.GpioConfig;
import io.engram.config.GpioInputConfig;
import io.engram.config.GpioOutputConfig;
import io.engram.config.GpioProvider;
import io.engram.config.JointConfig;
import io.engram.config.KinematicModel;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.LinkConfig;
import io.engram.config.LsgConfig;
import io.engram.config.MqttConfig;
import io.engram.config.MqttTelemetryConfig;
import io.engram.config.NetworkConfig;
import io.engram.config.PcmDeviceConfig;
import io.engram.config.PinPull;
import io.engram.config.ReadNoiseMode;
import io.engram.config.ReadoutConfig;
import io.engram.config.ReadoutPlacement;
import io.engram.config.RobotConfig;
import io.engram.config.TargetEncodingConfig;
import io.engram.config.TaskConfig;
import io.engram.config.TlsConfig;
import io.engram.config.TraineeConfig;
import io.engram.config.Transport;
import io.engram.config.WeightScale;
import io.engram.config.WireProtocol;
import io.engram.kinematics.EdScorbotEr7Kinematics;
import io.engram.kinematics.ForwardKinematics;
import io.engram.kinematics.PlanarTwoLinkKinematics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration file's schema: every key, its default (taken from the records' {@code
 * defaults()}), admissible values and meaning, and how the sections become records. Reading a file
 * and writing the reference both run this code.
 */
final class ConfigSchema {

  private static final Bounds SIZE = Bounds.between(1, 100_000);
  private static final Bounds POSITIVE = Bounds.above(0);
  private static final Bounds NON_NEGATIVE = Bounds.atLeast(0);
  private static final Bounds ANGLE_DEG = Bounds.between(-360, 360);
  private static final Bounds BCM_PIN = Bounds.between(0, 27);

  private ConfigSchema() {}

  /** Reads the whole file; null when any section is wrong (the problems are in the context). */
  static EngramConfig read(Section root, ReadContext ctx, YamlNode rootNode) {
    RobotConfig robot = robot(root.requiredSection("robot",
        "The arm: its joints and which of them the network drives."));
    ForwardKinematics kinematics = kinematics(root.section("kinematics",
        "Forward kinematics: joint angles to the tool point."));
    LinkConfig link = link(root.section("link", "The link to the joint controllers."));
    GpioConfig gpio = gpio(root.section("gpio", "Safety I/O: e-stop, motor enable, status LED."));
    ControlConfig control = control(root.section("control", "Timing of the control loop."));
    TaskConfig task = task(root.section("task",
        "The task family: how target motions are sampled (smoothed Brownian walks of omega)."));
    NetworkConfig network = network(root.section("network",
        "The spiking networks and their input encoders, in network time."));
    LearningConfig learning = learning(root.section("learning", "The on-device learning rule."));
    CrossbarConfig crossbar = crossbar(root.section("crossbar",
        "The emulated PCM crossbar holding the trainee's plastic weights."));
    String robotId = robot != null ? robot.id() : "<robot.id>";
    MqttConfig mqtt = mqtt(root.section("mqtt", "Telemetry and remote commands over MQTT."), robotId);
    BundleConfig bundle = bundle(root.section("bundle",
        "The meta-parameter bundle (initial trainee weights and the LSG) from the workstation."));
    CalibrationConfig calibration = calibration(root.section("calibration",
        "The calibration file (engram calibrate) applied to the joints and the crossbar."));
    root.build(() -> null);
    if (ctx.documenting()) {
      return null;
    }

    List<ConfigProblem> inconsistencies = new ArrayList<>();
    if (robot != null && network != null) {
      ConfigConsistency.checkRobot(robot, network.trainee(), inconsistencies);
    }
    if (network != null) {
      ConfigConsistency.checkNetwork(network, inconsistencies);
    }
    if (kinematics != null && robot != null) {
      ConfigConsistency.checkKinematics(kinematics, robot, inconsistencies);
    }
    if (link != null) {
      ConfigConsistency.checkLink(link, inconsistencies);
    }
    if (link != null && control != null) {
      ConfigConsistency.checkControl(control, link, inconsistencies);
    }
    if (gpio != null) {
      ConfigConsistency.checkGpio(gpio, inconsistencies);
    }
    if (mqtt != null) {
      ConfigConsistency.checkMqtt(mqtt, inconsistencies);
    }
    for (ConfigProblem p : inconsistencies) {
      YamlTree.Position at = YamlTree.locate(rootNode, p.path());
      ctx.report(p.locatedAt(at.line(), at.column()));
    }
    if (ctx.hasProblems()) {
      return null;
    }
    return new EngramConfig(robot, kinematics, link, gpio, control, task, network, learning, crossbar,
        mqtt, bundle, calibration);
  }

  // ---- robot ---------------------------------------------------------------------------------

  private static RobotConfig robot(Section s) {
    String id = s.requiredText("id", "Robot name; part of the default MQTT client id and topics.");
    List<Section> jointSections = s.sections("joints", true,
        "Joints in kinematic order, base first; see robot.joints[] below.");
    List<JointConfig> joints = new ArrayList<>();
    for (int i = 0; i < jointSections.size(); i++) {
      joints.add(joint(jointSections.get(i), i));
    }
    List<String> driven = s.texts("driven-joints", null,
        "Joint names driven by network outputs 0, 1, ...; every other joint holds home.");
    return s.build(() -> new RobotConfig(id, joints, driven));
  }

  private static JointConfig joint(Section s, int index) {
    String name = s.requiredText("name", "Unique joint name, used by robot.driven-joints.");
    int busId = s.shownDefault("position in the list + 1").integer("bus-id", index + 1,
        Bounds.between(0, 252), "Address of the joint's controller on the link (Dynamixel ID).");
    double[] limits = s.reals("limits-deg", null, 2, ANGLE_DEG,
        "Mechanical position limits [min, max] (deg).");
    boolean limitsOk = limits[0] < limits[1];
    if (!limitsOk && !Double.isNaN(limits[0]) && !Double.isNaN(limits[1])) {
      s.invalid("limits-deg", "min " + Bounds.number(limits[0]) + " must be below max "
          + Bounds.number(limits[1]));
    }
    double[] safe = s.shownDefault("limits-deg").reals("safe-limits-deg", limits, 2, ANGLE_DEG,
        "Range [min, max] (deg) that commands and task targets are kept in; inside limits-deg.");
    if (limitsOk && s.has("safe-limits-deg")
        && !(safe[0] < safe[1] && safe[0] >= limits[0] && safe[1] <= limits[1])) {
      s.invalid("safe-limits-deg", "must be an interval inside limits-deg ["
          + Bounds.number(limits[0]) + ", " + Bounds.number(limits[1]) + "]");
    }
    double velocity = s.requiredReal("velocity-limit-deg-s", Bounds.between(0.001, 100_000),
        "Largest commanded joint speed (deg/s).");
    Optional<Double> perDegree = s.optionalReal("counts-per-degree", POSITIVE,
        "Encoder counts per degree of joint motion; give this or counts-per-rev.");
    Optional<Double> perRev = s.optionalReal("counts-per-rev", POSITIVE,
        "Encoder counts per joint revolution (4096 on Dynamixel X series); give this or"
            + " counts-per-degree.");
    if (perDegree.isPresent() && perRev.isPresent()) {
      s.invalid("counts-per-rev", "give counts-per-degree or counts-per-rev, not both");
    } else if (perDegree.isEmpty() && perRev.isEmpty() && !s.has("counts-per-degree")
        && !s.has("counts-per-rev") && !s.documenting()) {
      s.invalid("counts-per-degree", "missing: give counts-per-degree or counts-per-rev");
    }
    double countsPerDegree = perDegree.orElse(perRev.map(c -> c / 360.0).orElse(Double.NaN));
    int direction = s.integer("direction", 1, Bounds.between(-1, 1),
        "+1 when encoder counts grow with the kinematic angle, -1 when they count against it.");
    if (direction == 0) {
      s.invalid("direction", "must be +1 or -1");
    }
    long home = s.longInteger("home-offset-counts", 0,
        "Encoder reading at the kinematic home (angle 0).");
    JointConfig joint = s.build(() -> new JointConfig(name, busId,
        AngleRange.degrees(limits[0], limits[1]), AngleRange.degrees(safe[0], safe[1]),
        Math.toRadians(velocity), countsPerDegree, direction, home));
    return joint != null ? joint : standIn(name.isEmpty() ? "#" + index : name, busId);
  }

  /**
   * A joint whose values were wrong (and reported) keeps its name and bus id, so that the checks
   * across joints still run and report everything in one pass; no configuration is built from it.
   */
  private static JointConfig standIn(String name, int busId) {
    AngleRange any = new AngleRange(-1, 1);
    return new JointConfig(name, busId, any, any, 1, 1, 1, 0);
  }

  private static ForwardKinematics kinematics(Section s) {
    KinematicModel model = s.choice("model", KinematicModel.class, KinematicModel.ED_SCORBOT_ER7,
        "ed-scorbot-er7: the ED-Scorbot ER-VII closed form (base, shoulder, elbow, wrist pitch);"
            + " planar-2link: two revolute joints about z.");
    boolean planar = model == KinematicModel.PLANAR_2LINK;
    double[] links = planar || s.documenting()
        ? s.shownDefault("required for planar-2link").reals("link-lengths-m", null, 2, POSITIVE,
            "Link lengths [first, second] (m) of planar-2link.")
        : null;
    if (!planar) {
      s.rejectIfGiven("link-lengths-m", "applies only to model planar-2link");
    }
    return s.build(() -> model == KinematicModel.PLANAR_2LINK
        ? new PlanarTwoLinkKinematics(links[0], links[1])
        : new EdScorbotEr7Kinematics());
  }

  // ---- link and I/O --------------------------------------------------------------------------

  private static LinkConfig link(Section s) {
    LinkConfig d = LinkConfig.defaults();
    Transport transport = s.choice("transport", Transport.class, d.transport(),
        "emulated: an emulated arm in this process; serial: a serial port.");
    WireProtocol protocol = s.choice("protocol", WireProtocol.class, d.protocol(),
        "engram: Engram's framed protocol; dynamixel2: ROBOTIS Dynamixel Protocol 2.0. The emulated"
            + " arm speaks it too.");
    Optional<String> port = s.optionalText("port",
        "Serial device, e.g. /dev/ttyUSB0; required for transport serial.");
    int baud = s.integer("baud", d.baud(), Bounds.between(300, 20_000_000), "Serial speed (bit/s).");
    Duration readTimeout = s.millis("read-timeout-ms", d.readTimeout(), Bounds.between(0.01, 60_000),
        "How long to wait for a reply before the request counts as lost.");
    int retries = s.integer("retries", d.retries(), Bounds.between(0, 100),
        "Retries of a lost or corrupt reply before the link is declared down.");
    EmulatorConfig emulator = emulator(s.section("emulator",
        "The emulated arm (transport emulated): each joint follows its command through a"
            + " first-order lag; encoder readings carry Gaussian noise."));
    DynamixelConfig dynamixel = dynamixel(s.section("dynamixel",
        "Units and mode of Dynamixel servos (protocol dynamixel2); X-series defaults."));
    return s.build(() -> new LinkConfig(transport, protocol, port, baud, readTimeout, retries,
        emulator, dynamixel));
  }

  private static EmulatorConfig emulator(Section s) {
    EmulatorConfig d = EmulatorConfig.defaults();
    Duration lag = s.millis("lag-ms", d.lag(), Bounds.between(0, 10_000),
        "Time constant of the lag between commanded and actual joint velocity.");
    double noise = s.real("sensor-noise-counts", d.sensorNoiseCounts(), Bounds.between(0, 1e6),
        "Standard deviation of the encoder noise (counts); 0 for none.");
    long seed = s.longInteger("seed", d.seed(), "Seed of the emulator's noise.");
    return s.build(() -> new EmulatorConfig(lag, noise, seed));
  }

  private static DynamixelConfig dynamixel(Section s) {
    DynamixelConfig d = DynamixelConfig.xSeries();
    double rpm = s.real("velocity-unit-rpm", d.velocityUnitRpm(), POSITIVE,
        "Revolutions per minute of one Goal/Present Velocity unit.");
    double ma = s.real("current-unit-ma", d.currentUnitMa(), POSITIVE,
        "Milliamperes of one Present Current unit.");
    DynamixelOperatingMode mode = s.choice("operating-mode", DynamixelOperatingMode.class,
        d.operatingMode(), "velocity: Goal Velocity each step; position: Goal Position each step.");
    return s.build(() -> new DynamixelConfig(rpm, ma, mode));
  }

  private static GpioConfig gpio(Section s) {
    GpioConfig d = GpioConfig.defaults();
    GpioProvider provider = s.choice("provider", GpioProvider.class, d.provider(),
        "simulated: an in-process board; pi4j: the board's pins through Pi4J.");
    Section e = s.section("estop",
        "Emergency-stop input; asserted means stop. Wire a normally closed switch to ground with"
            + " the pull-up on and active high: pressing it or breaking a wire stops the arm.");
    GpioInputConfig de = d.estop();
    int estopPin = e.integer("pin", de.pin(), BCM_PIN, "BCM pin number.");
    ActiveLevel estopActive = e.choice("active", ActiveLevel.class, de.active(),
        "Level at which the e-stop is asserted.");
    PinPull pull = e.choice("pull", PinPull.class, de.pull(), "Internal pull resistor.");
    Duration debounce = e.millis("debounce-ms", de.debounce(), Bounds.between(0, 1000),
        "How long a level must hold before it counts.");
    GpioInputConfig estop = e.build(() -> new GpioInputConfig(estopPin, estopActive, pull, debounce));
    GpioOutputConfig enable = output(s.section("motor-enable",
        "Output that powers the motor drivers while asserted."), d.motorEnable());
    Optional<GpioOutputConfig> led = s.optionalSection("status-led", "Optional status LED output.")
        .map(l -> output(l, new GpioOutputConfig(22, ActiveLevel.HIGH)));
    return s.build(() -> new GpioConfig(provider, estop, enable, led));
  }

  private static GpioOutputConfig output(Section s, GpioOutputConfig d) {
    int pin = s.integer("pin", d.pin(), BCM_PIN, "BCM pin number.");
    ActiveLevel active = s.choice("active", ActiveLevel.class, d.active(),
        "Level that asserts the output.");
    return s.build(() -> new GpioOutputConfig(pin, active));
  }

  private static ControlConfig control(Section s) {
    ControlConfig d = ControlConfig.defaults();
    int steps = s.integer("trial-steps", d.trialSteps(), Bounds.between(1, 1_000_000),
        "Network steps in one trial (T).");
    Duration armStep = s.millis("arm-step-ms", d.armStep(), Bounds.between(0.001, 10_000),
        "Arm time one network step stands for: joint angle = arm-step (s) x cumsum(omega), the"
            + " task's integration constant.");
    double ioRate = s.real("io-rate-hz", d.ioRateHz(), Bounds.between(0.1, 100_000),
        "Control-loop iterations (sensor read, controller step, motor command) per second.");
    Duration timeout = s.millis("sensor-timeout-ms", d.sensorTimeout(), Bounds.between(0.01, 60_000),
        "A joint reading older than this is stale: the arm stops safely.");
    int stepsPerPeriod = s.integer("steps-per-period", d.stepsPerPeriod(), Bounds.between(1, 10_000),
        "Network steps per loop iteration; the arm moves arm-step x omega per step, so the path"
            + " does not depend on the period, only its speed.");
    OverrunPolicy policy = s.choice("overrun-policy", OverrunPolicy.class, d.overrunPolicy(),
        "skip: drop missed periods and carry on; stop: also stop the arm after overrun-limit"
            + " overruns in a row.");
    int overrunLimit = s.integer("overrun-limit", d.overrunLimit(), Bounds.between(1, 1_000_000),
        "Overruns in a row that stop the arm under overrun-policy stop.");
    double gain = s.real("tracking-gain-per-s", d.trackingGainPerS(), Bounds.between(0, 1000),
        "Position feedback (1/s) that keeps the measured joints on the commanded path; 0 = off.");
    double homeDeg = s.real("home-tolerance-deg", Math.toDegrees(d.homeTolerance()),
        Bounds.between(1e-3, 90), "A joint this close to home (deg) counts as homed.");
    Duration stopping = s.millis("stopping-time-ms", d.stoppingTime(), Bounds.between(0, 10_000),
        "The joints' velocity lag: a joint moving at v travels v x this after a zero command."
            + " Motor commands are limited so that this travel stays inside safe-limits-deg."
            + " On the emulated arm, at least link.emulator.lag-ms.");
    return s.build(() -> new ControlConfig(steps, armStep, ioRate, timeout, stepsPerPeriod, policy,
        overrunLimit, gain, Math.toRadians(homeDeg), stopping));
  }

  private static TaskConfig task(Section s) {
    TaskConfig d = TaskConfig.defaults();
    double sigma = s.real("increment-sigma-rad-s", d.incrementSigmaRadPerS(), POSITIVE,
        "Standard deviation of the walk's increments (rad/s).");
    int window = s.integer("smoothing-window", d.smoothingWindow(), Bounds.between(1, 100_000),
        "Length of the periodic Hann window smoothing the walk (steps).");
    double limit = s.real("omega-limit-rad-s", d.omegaLimitRadPerS(), POSITIVE,
        "Omega is clipped to [-limit, limit] (rad/s); angles to each driven joint's"
            + " safe-limits-deg.");
    long seed = s.longInteger("seed", d.seed(), "Seed of the task sampler.");
    return s.build(() -> new TaskConfig(sigma, window, limit, seed));
  }

  // ---- networks and learning -----------------------------------------------------------------

  private static NetworkConfig network(Section s) {
    NetworkConfig d = NetworkConfig.defaults();
    double dt = s.real("dt-ms", d.dtMs(), Bounds.between(0.001, 1000),
        "Network time step (ms); decays are exp(-dt / tau).");
    TraineeConfig trainee = trainee(s.section("trainee",
        "The controller: clock in, LIF neurons, one leaky readout per driven joint."));
    LsgConfig lsg = lsg(s.section("lsg",
        "The learning-signal generator: clock and target bits in, one learning signal per trainee"
            + " neuron out; LIF neurons first, adaptive (ALIF) neurons last."));
    Section c = s.section("clock",
        "Clock input: channel k is active during steps [k slot, (k+1) slot) and spikes every"
            + " interval steps inside it.");
    ClockEncoderConfig dc = d.clock();
    int channels = c.integer("channels", dc.channels(), Bounds.between(1, 10_000), "Clock channels.");
    int slot = c.integer("slot-steps", dc.slotSteps(), SIZE, "Length of one channel's slot (steps).");
    int interval = c.integer("spike-interval-steps", dc.spikeIntervalSteps(), SIZE,
        "Steps between spikes inside a slot.");
    ClockEncoderConfig clock = c.build(() -> new ClockEncoderConfig(channels, slot, interval));
    Section t = s.section("target-encoding",
        "Target trajectory into the LSG: per coordinate c, bit k (least significant first) of"
            + " int((c + offset) x scale) as one channel each.");
    TargetEncodingConfig de = d.targetEncoding();
    int bits = t.integer("bits", de.bits(), Bounds.between(1, 62), "Channels per coordinate.");
    double offset = t.real("offset-m", de.offsetM(), Bounds.between(-1000, 1000),
        "Added to the coordinate before scaling (m).");
    double scale = t.real("scale", de.scale(), POSITIVE,
        "Multiplies the shifted coordinate before truncation (1/m).");
    int lead = t.integer("lead-steps", de.leadSteps(),
        Bounds.between(0, TargetEncodingConfig.MAX_LEAD_STEPS),
        "Steps the LSG reads the demonstration ahead: at step t it sees the target of step"
            + " min(t + lead, last step). The demonstration is recorded whole before the update;"
            + " 0 is the reference's encoding. A bundle is trained for one lead.");
    TargetEncodingConfig encoding =
        t.build(() -> new TargetEncodingConfig(bits, offset, scale, lead));
    return s.build(() -> new NetworkConfig(dt, trainee, lsg, clock, encoding));
  }

  private static TraineeConfig trainee(Section s) {
    TraineeConfig d = TraineeConfig.defaults();
    int inputs = s.integer("inputs", d.inputs(), SIZE, "Input channels; equals network.clock.channels.");
    int neurons = s.integer("neurons", d.neurons(), SIZE, "LIF neurons.");
    int outputs = s.integer("outputs", d.outputs(), SIZE,
        "Leaky readouts; one per entry of robot.driven-joints.");
    double tauMem = s.real("tau-mem-ms", d.tauMemMs(), POSITIVE, "Membrane time constant (ms).");
    double tauOut = s.real("tau-out-ms", d.tauOutMs(), POSITIVE, "Readout time constant (ms).");
    double threshold = s.real("threshold", d.threshold(), POSITIVE,
        "Firing threshold, also the pseudo-derivative's scale.");
    double gamma = s.real("gamma", d.gamma(), NON_NEGATIVE, "Pseudo-derivative dampening.");
    int refractory = s.integer("refractory-steps", d.refractorySteps(), Bounds.between(0, 10_000),
        "Refractory period (steps).");
    return s.build(() -> new TraineeConfig(inputs, neurons, outputs, tauMem, tauOut, threshold, gamma,
        refractory));
  }

  private static LsgConfig lsg(Section s) {
    LsgConfig d = LsgConfig.defaults();
    int inputs = s.integer("inputs", d.inputs(), SIZE,
        "Input channels; equals network.clock.channels + 3 x network.target-encoding.bits.");
    int neurons = s.integer("neurons", d.neurons(), SIZE, "All neurons.");
    int alif = s.integer("alif-neurons", d.alifNeurons(), Bounds.between(0, 100_000),
        "Adaptive neurons, the last ones.");
    int outputs = s.integer("outputs", d.outputs(), SIZE,
        "Learning signals; equals network.trainee.neurons.");
    double tauMem = s.real("tau-mem-ms", d.tauMemMs(), POSITIVE, "Membrane time constant (ms).");
    double tauOut = s.real("tau-out-ms", d.tauOutMs(), POSITIVE, "Readout time constant (ms).");
    double threshold = s.real("threshold", d.threshold(), POSITIVE,
        "Base threshold, also the pseudo-derivative's scale.");
    double adaptation = s.real("adaptation-strength", d.adaptationStrength(), NON_NEGATIVE,
        "Threshold increase per unit of the adaptation variable.");
    double tauAdaptation = s.real("tau-adaptation-ms", d.tauAdaptationMs(), POSITIVE,
        "Time constant of the adaptation variable (ms).");
    double gamma = s.real("gamma", d.gamma(), NON_NEGATIVE, "Pseudo-derivative dampening.");
    int refractory = s.integer("refractory-steps", d.refractorySteps(), Bounds.between(0, 10_000),
        "Refractory period (steps).");
    return s.build(() -> new LsgConfig(inputs, neurons, alif, outputs, tauMem, tauOut, threshold,
        adaptation, tauAdaptation, gamma, refractory));
  }

  private static LearningConfig learning(Section s) {
    LearningConfig d = LearningConfig.defaults();
    LearningRule rule = s.choice("rule", LearningRule.class, d.rule(),
        "natural-eprop: one update from the bundle's LSG; readout: one-shot ridge regression of the"
            + " readout; eprop: classic e-prop over a few trials.");
    double eta = s.real("eta", d.eta(), Bounds.between(1e-12, 1e3), "Learning rate.");
    double quantum = s.real("update-quantum", d.updateQuantum(), Bounds.between(0, 1e3),
        "Weight updates are rounded to multiples of this (half to even), e.g. 0.0625; 0 = off.");
    Section r = s.section("readout", "Settings of rule readout.");
    double ridge = r.real("ridge", d.readout().ridge(), Bounds.between(0, 1e6),
        "Relative L2 regularisation: the ridge parameter is this times the mean diagonal of the"
            + " filtered-spike Gram matrix.");
    ReadoutPlacement placement = r.choice("placement", ReadoutPlacement.class, d.readout().placement(),
        "Where the trainee's readout weights W_out live, whatever the rule: software (exact, as the"
            + " reference keeps them) or a crossbar array of the configured device.");
    ReadoutConfig readout = r.build(() -> new ReadoutConfig(ridge, placement));
    Section e = s.section("eprop", "Settings of rule eprop.");
    EpropConfig ed = d.eprop();
    int trials = e.integer("trials", ed.trials(), Bounds.between(1, 10_000),
        "Demonstration trials, one update after each.");
    EpropOptimizer optimizer = e.choice("optimizer", EpropOptimizer.class, ed.optimizer(),
        "sgd: plain gradient descent; adam: Adam (0.9, 0.999, 1e-8).");
    double learningRate = e.real("learning-rate", ed.learningRate(), Bounds.between(1e-12, 1e3),
        "Step size of the optimiser.");
    EpropFeedback feedback = e.choice("feedback", EpropFeedback.class, ed.feedback(),
        "symmetric: B = W_out; random: fixed random feedback weights.");
    long feedbackSeed = e.longInteger("feedback-seed", ed.feedbackSeed(), "Seed of random feedback weights.");
    double rateReg = e.real("rate-regularisation", ed.rateRegularisation(), Bounds.between(0, 1e6),
        "Weight of the firing-rate regulariser c/2 sum_j (f_j - f0)^2, f in spikes per step.");
    double targetRate = e.real("target-rate-hz", ed.targetRateHz(), Bounds.between(0, 1e4),
        "Target firing rate f0 of the regulariser (Hz).");
    EpropConfig eprop = e.build(() -> new EpropConfig(trials, optimizer, learningRate, feedback,
        feedbackSeed, rateReg, targetRate));
    return s.build(() -> new LearningConfig(rule, eta, quantum, readout, eprop));
  }

  // ---- crossbar ------------------------------------------------------------------------------

  private static CrossbarConfig crossbar(Section s) {
    CrossbarPreset preset = s.choice("preset", CrossbarPreset.class, CrossbarConfig.defaults().preset(),
        "Device effects. ideal: exact devices; pcm: programming and read noise; pcm-drift: also"
            + " drift, the update used one hour after programming. Presets set the keys"
            + " programming-noise, read-noise, drift and t-inference-s (shown: ideal); the array"
            + " format and converters are the paper's chip in all of them.");
    CrossbarConfig d = CrossbarConfig.forPreset(preset);
    WeightScale scale = s.choice("weight-scale", WeightScale.class, d.weightScale(),
        "How weights map to conductances: w-max is the largest |w| of the array or of each column"
            + " (per-column undoes it in the column's digital factor), or fixed.");
    double wMax = s.real("w-max", d.wMax(), POSITIVE,
        "Weight of a fully programmed cell under weight-scale fixed; larger weights are clipped.");
    double[] factors = s.reals("pair-factors", d.pairFactors().stream().mapToDouble(Double::doubleValue)
        .toArray(), 0, Bounds.between(1, 64),
        "Significance of the device pairs of one weight, least significant first: increasing whole"
            + " numbers; a pair holds only what the less significant ones cannot.");
    for (int i = 0; i < factors.length; i++) {
      if (factors[i] != Math.rint(factors[i])) {
        s.invalid("pair-factors", "factors must be whole numbers (the fixed-point array weights"
            + " the pairs by integers)");
        break;
      }
      if (i > 0 && !(factors[i] > factors[i - 1])) {
        s.invalid("pair-factors", "factors must increase (least significant pair first)");
        break;
      }
    }
    if (factors.length == 0) {
      s.invalid("pair-factors", "at least one device pair per weight");
    }
    boolean programming = s.flag("programming-noise", d.programmingNoise(),
        "Programming adds Gaussian noise to each device.");
    boolean read = s.flag("read-noise", d.readNoise(), "Each read adds noise.");
    ReadNoiseMode readMode = s.choice("read-noise-mode", ReadNoiseMode.class, d.readNoiseMode(),
        "exact: one draw per device read, rectified at 0; fast: one draw per column with the exact"
            + " mean and variance.");
    boolean drift = s.flag("drift", d.drift(), "Conductances drift after programming.");
    DriftCompensation compensation = s.choice("drift-compensation", DriftCompensation.class,
        d.driftCompensation(), "Output correction for drift from probe reads: none, one global"
            + " factor or one per column.");
    double tInference = s.real("t-inference-s", d.tInferenceS(), Bounds.between(0, 1e10),
        "Time between programming the update and using it (s); pcm-drift: 3600.");
    double stuckSet = s.real("stuck-set-rate", d.stuckSetRate(), Bounds.between(0, 1),
        "Fraction of devices stuck at SET (always Gmax, no drift).");
    double stuckReset = s.real("stuck-reset-rate", d.stuckResetRate(), Bounds.between(0, 1),
        "Fraction of devices stuck at RESET (always 0).");
    if (stuckSet + stuckReset > 1) {
      s.invalid("stuck-reset-rate", "stuck-set-rate + stuck-reset-rate must not exceed 1");
    }
    boolean faultScan = s.flag("fault-scan", d.faultScan(),
        "Before first use, find the stuck devices with a SET/RESET scan and map weights around"
            + " them.");
    int pulses = s.integer("verify-pulses", d.verifyPulses(), Bounds.between(1, 1000),
        "Programming pulses per device write: 1 = single-shot; more = program-and-verify.");
    double tolerance = s.real("verify-tolerance-us", d.verifyToleranceUs(), NON_NEGATIVE,
        "Program-and-verify stops once a verify read is this close to the target (uS).");
    int dac = s.integer("dac-bits", d.dacBits(), Bounds.between(0, 16),
        "Signed input DAC resolution over +-1 (a spike is full scale); 0 = 16 bits.");
    int adc = s.integer("adc-bits", d.adcBits(), Bounds.between(0, 24),
        "Signed output ADC resolution over +-adc-out-bound, round half to even; 0 = exact outputs.");
    if (dac == 1) {
      s.invalid("dac-bits", "a signed DAC needs at least 2 bits");
    }
    if (adc == 1) {
      s.invalid("adc-bits", "a signed ADC needs at least 2 bits");
    }
    double bound = s.real("adc-out-bound", d.adcOutBound(), POSITIVE,
        "ADC full scale, in cells at w-max driven at full scale.");
    long seed = s.longInteger("seed", d.seed(), "Seed of the fault map and the device noise.");
    PcmDeviceConfig device = device(s.section("device",
        "IBM's statistical PCM model; g = G / Gmax."));
    List<Double> pairFactors = Arrays.stream(factors).boxed().toList();
    return s.build(() -> new CrossbarConfig(preset, scale, wMax, pairFactors, programming, read,
        readMode, drift, compensation, tInference, stuckSet, stuckReset, faultScan, pulses, tolerance, dac,
        adc, bound, device, seed));
  }

  private static PcmDeviceConfig device(Section s) {
    PcmDeviceConfig d = PcmDeviceConfig.ibm();
    double gMax = s.real("g-max-us", d.gMaxUs(), POSITIVE, "Largest programmable conductance (uS).");
    double t0 = s.real("t0-s", d.t0S(), POSITIVE, "Model time origin: t = t-inference + t0 (s).");
    double tRead = s.real("t-read-ns", Math.rint(d.tReadS() * 1e12) / 1e3, POSITIVE,
        "Duration of one read (ns).");
    double[] prog = s.reals("programming-noise-us",
        new double[] {d.progNoiseA(), d.progNoiseB(), d.progNoiseC()}, 3, Bounds.any(),
        "sigma_p = max(a g^2 + b g + c, 0) (uS): [a, b, c].");
    double[] mean = s.reals("drift-nu-mean", new double[] {d.driftMeanSlope(), d.driftMeanIntercept()},
        2, Bounds.any(), "Mean of the drift exponent: slope x ln g + intercept: [slope, intercept].");
    double[] meanRange = s.reals("drift-nu-mean-range", new double[] {d.driftMeanMin(), d.driftMeanMax()},
        2, NON_NEGATIVE, "Clip of the mean: [min, max].");
    double[] std = s.reals("drift-nu-std", new double[] {d.driftStdSlope(), d.driftStdIntercept()}, 2,
        Bounds.any(), "Standard deviation of the drift exponent: [slope, intercept] over ln g.");
    double[] stdRange = s.reals("drift-nu-std-range", new double[] {d.driftStdMin(), d.driftStdMax()}, 2,
        NON_NEGATIVE, "Clip of the standard deviation: [min, max].");
    double gFloor = s.real("drift-g-floor", d.driftGFloor(), POSITIVE,
        "g is raised to at least this before its logarithm.");
    double readCoefficient = s.real("read-noise-coefficient", d.readNoiseCoefficient(), NON_NEGATIVE,
        "Q_s = min(coefficient / max(g^exponent, g-floor), max).");
    double readExponent = s.real("read-noise-exponent", d.readNoiseExponent(), NON_NEGATIVE,
        "Exponent of g in Q_s.");
    double readFloor = s.real("read-noise-g-floor", d.readNoiseGFloor(), POSITIVE,
        "Lower bound of g^exponent in Q_s.");
    double readMax = s.real("read-noise-max", d.readNoiseMax(), NON_NEGATIVE, "Upper clip of Q_s.");
    if (meanRange[0] > meanRange[1]) {
      s.invalid("drift-nu-mean-range", "min must not exceed max");
    }
    if (stdRange[0] > stdRange[1]) {
      s.invalid("drift-nu-std-range", "min must not exceed max");
    }
    return s.build(() -> new PcmDeviceConfig(gMax, t0, tRead / 1e9, prog[0], prog[1], prog[2],
        mean[0], mean[1], meanRange[0], meanRange[1], std[0], std[1], stdRange[0], stdRange[1],
        gFloor, readCoefficient, readExponent, readFloor, readMax));
  }

  // ---- mqtt and bundle -----------------------------------------------------------------------

  private static final Set<String> MQTT_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

  private static MqttConfig mqtt(Section s, String robotId) {
    MqttConfig d = MqttConfig.defaults(robotId);
    boolean enabled = s.flag("enabled", d.enabled(), "Connect to a broker.");
    String uri = s.text("broker-uri", d.brokerUri(),
        "Broker address: tcp://host:port, or ssl://host:port with tls.");
    try {
      URI parsed = new URI(uri);
      if (parsed.getScheme() == null || !MQTT_SCHEMES.contains(parsed.getScheme())
          || parsed.getHost() == null) {
        s.invalid("broker-uri", "'" + uri + "' is not a broker address like tcp://host:1883");
      }
    } catch (URISyntaxException e) {
      s.invalid("broker-uri", "'" + uri + "' is not a URI: " + e.getReason());
    }
    String clientId = s.shownDefault("engram-<robot.id>").text("client-id", d.clientId(),
        "MQTT client id; unique per broker.");
    String prefix = s.shownDefault("engram/<robot.id>").text("topic-prefix", d.topicPrefix(),
        "Prefix of every topic the runtime publishes or subscribes.");
    if (prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/") || prefix.endsWith("/")) {
      s.invalid("topic-prefix", "must not contain wildcards (+, #) or start or end with '/'");
    }
    int qos = s.integer("qos", d.qos(), Bounds.between(0, 2), "Quality of service of published messages.");
    Duration keepAlive = s.seconds("keep-alive-s", d.keepAlive(), Bounds.between(1, 65_535),
        "Keep-alive interval.");
    Duration connectTimeout = s.seconds("connect-timeout-s", d.connectTimeout(),
        Bounds.between(0.1, 3600), "How long a connection attempt may take.");
    Optional<TlsConfig> tls = s.optionalSection("tls", "TLS for ssl:// brokers.").map(t -> {
      Optional<Path> ca = t.optionalPath("ca-file", "PEM file of the CA that signed the broker.");
      if (ca.isEmpty() && !t.documenting()) {
        t.invalid("ca-file", "missing required key 'ca-file' in mqtt.tls");
      }
      Optional<Path> cert = t.optionalPath("cert-file", "Client certificate (PEM) for mutual TLS.");
      Optional<Path> key = t.optionalPath("key-file", "Client private key (PEM) for mutual TLS.");
      return t.build(() -> new TlsConfig(ca.orElseThrow(), cert, key));
    });
    Optional<Path> credentials = s.optionalPath("credentials-file",
        "File with the user name on line 1 and the password on line 2; keep it readable by the"
            + " service only.");
    boolean requireAuth = s.flag("commands-require-auth", d.commandsRequireAuth(),
        "Refuse every command but estop, and bundles, unless the connection is authenticated"
            + " (credentials-file or a client certificate).");
    Duration backoff = s.seconds("reconnect-max-backoff-s", d.reconnectMaxBackoff(),
        Bounds.between(0.25, 3600), "Longest wait between reconnection attempts (doubling from 0.25 s).");
    long bundleMax = s.integer("bundle-max-bytes", (int) d.bundleMaxBytes(),
        Bounds.between(1024, Integer.MAX_VALUE), "Largest bundle accepted on meta/bundle (bytes).");
    MqttTelemetryConfig telemetry = mqttTelemetry(s.section("telemetry",
        "What is published and how often."));
    boolean serve = s.flag("serve", d.serve(),
        "engram run waits for commands (adapt, run, stop) instead of performing its"
            + " demonstrations (engram run --serve); needs enabled.");
    if (serve && !enabled) {
      s.invalid("serve", "needs enabled: true (a broker to take the commands from)");
    }
    return s.build(() -> new MqttConfig(enabled, uri, clientId, prefix, qos, keepAlive, connectTimeout,
        tls, credentials, requireAuth, backoff, bundleMax, telemetry, serve));
  }

  private static MqttTelemetryConfig mqttTelemetry(Section s) {
    MqttTelemetryConfig d = MqttTelemetryConfig.defaults();
    double rate = s.real("joint-sample-rate-hz", d.jointSampleRateHz(), Bounds.between(0.1, 10_000),
        "Joint samples kept per second; the loop's samples are decimated to this.");
    Duration batch = s.seconds("joint-batch-period-s", d.jointBatchPeriod(), Bounds.between(0.01, 3600),
        "How often the kept joint samples are published as one batch.");
    Duration stats = s.seconds("stats-period-s", d.statsPeriod(), Bounds.between(0.01, 3600),
        "How often loop and network statistics are published.");
    int capacity = s.integer("queue-capacity", d.queueCapacity(), Bounds.between(1, 1_000_000),
        "Messages waiting for the broker; beyond it new ones are dropped and counted.");
    return s.build(() -> new MqttTelemetryConfig(rate, batch, stats, capacity));
  }

  private static BundleConfig bundle(Section s) {
    BundleConfig d = BundleConfig.defaults();
    Optional<Path> path = s.optionalPath("path", "Bundle file; without it natural-eprop has no LSG.");
    long seed = s.longInteger("seed", d.seed(), "Seed of the initial weights drawn without a bundle.");
    double rate = s.real("initial-rate-hz", d.initialRateHz(), Bounds.between(0.1, 500),
        "Trainee firing rate on the clock that drawn initial weights are scaled to (Hz).");
    return s.build(() -> new BundleConfig(path, seed, rate));
  }

  private static CalibrationConfig calibration(Section s) {
    CalibrationConfig d = CalibrationConfig.defaults();
    Optional<Path> file = s.optionalPath("file",
        "Calibration file; without it the joints and the crossbar run as configured.");
    double days = s.real("max-age-days", d.maxAge().toSeconds() / 86_400.0,
        Bounds.between(0.001, 36_500), "A calibration older than this is stale (days).");
    boolean strict = s.flag("strict", d.strict(), "true: a stale calibration or one made for"
        + " another robot id stops the run before the arm moves; false: a warning.");
    Duration maxAge = Duration.ofSeconds(Math.round(days * 86_400));
    return s.build(() -> new CalibrationConfig(file, maxAge, strict));
  }
}
