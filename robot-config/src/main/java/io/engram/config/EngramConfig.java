package io.engram.config;

import io.engram.kinematics.EdScorbotEr7Kinematics;
import io.engram.kinematics.ForwardKinematics;
import java.util.List;
import java.util.Objects;

/**
 * Everything Engram needs to run an arm: the robot description and the runtime settings, one
 * immutable record per section. Angles are radians, lengths metres, times {@link
 * java.time.Duration} or fields whose names carry their unit.
 *
 * <p>The constructor rejects sections that do not fit together ({@link ConfigConsistency}).
 * Configuration files are read by {@code io.engram.config.yaml.ConfigLoader}.
 *
 * @param robot joints and which of them the network drives
 * @param kinematics forward kinematics of the arm
 * @param link link to the joint controllers
 * @param gpio safety I/O
 * @param control control-loop timing
 * @param task task family for sampled targets
 * @param network spiking networks and encoders
 * @param learning inner-loop rule
 * @param crossbar emulated PCM crossbar
 * @param mqtt telemetry and remote commands
 * @param bundle meta-parameter bundle
 * @param calibration calibration file applied to the robot and the crossbar
 */
public record EngramConfig(
    RobotConfig robot,
    ForwardKinematics kinematics,
    LinkConfig link,
    GpioConfig gpio,
    ControlConfig control,
    TaskConfig task,
    NetworkConfig network,
    LearningConfig learning,
    CrossbarConfig crossbar,
    MqttConfig mqtt,
    BundleConfig bundle,
    CalibrationConfig calibration) {

  public EngramConfig {
    Objects.requireNonNull(robot, "robot");
    Objects.requireNonNull(kinematics, "kinematics");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(gpio, "gpio");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(learning, "learning");
    Objects.requireNonNull(crossbar, "crossbar");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(calibration, "calibration");
    List<ConfigProblem> problems =
        ConfigConsistency.check(robot, kinematics, link, gpio, network, mqtt);
    if (!problems.isEmpty()) {
      throw new ConfigException("", problems);
    }
  }

  /** The sections without a calibration file. */
  public EngramConfig(RobotConfig robot, ForwardKinematics kinematics, LinkConfig link,
      GpioConfig gpio, ControlConfig control, TaskConfig task, NetworkConfig network,
      LearningConfig learning, CrossbarConfig crossbar, MqttConfig mqtt, BundleConfig bundle) {
    this(robot, kinematics, link, gpio, control, task, network, learning, crossbar, mqtt, bundle,
        CalibrationConfig.defaults());
  }

  /**
   * The emulated ED-Scorbot ER-VII learning with natural e-prop on an ideal crossbar, the
   * reference networks and no MQTT.
   */
  public static EngramConfig defaults() {
    RobotConfig robot = RobotConfig.edScorbotEr7();
    return new EngramConfig(
        robot,
        new EdScorbotEr7Kinematics(),
        LinkConfig.defaults(),
        GpioConfig.defaults(),
        ControlConfig.defaults(),
        TaskConfig.defaults(),
        NetworkConfig.defaults(),
        LearningConfig.defaults(),
        CrossbarConfig.defaults(),
        MqttConfig.defaults(robot.id()),
        BundleConfig.defaults());
  }

  public EngramConfig withRobot(RobotConfig newRobot) {
    return new EngramConfig(newRobot, kinematics, link, gpio, control, task, network, learning,
        crossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withLink(LinkConfig newLink) {
    return new EngramConfig(robot, kinematics, newLink, gpio, control, task, network, learning,
        crossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withNetwork(NetworkConfig newNetwork) {
    return new EngramConfig(robot, kinematics, link, gpio, control, task, newNetwork, learning,
        crossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withTask(TaskConfig newTask) {
    return new EngramConfig(robot, kinematics, link, gpio, control, newTask, network, learning,
        crossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withControl(ControlConfig newControl) {
    return new EngramConfig(robot, kinematics, link, gpio, newControl, task, network, learning,
        crossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withLearning(LearningConfig newLearning) {
    return new EngramConfig(robot, kinematics, link, gpio, control, task, network, newLearning,
        crossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withCrossbar(CrossbarConfig newCrossbar) {
    return new EngramConfig(robot, kinematics, link, gpio, control, task, network, learning,
        newCrossbar, mqtt, bundle, calibration);
  }

  public EngramConfig withMqtt(MqttConfig newMqtt) {
    return new EngramConfig(robot, kinematics, link, gpio, control, task, network, learning,
        crossbar, newMqtt, bundle, calibration);
  }

  public EngramConfig withBundle(BundleConfig newBundle) {
    return new EngramConfig(robot, kinematics, link, gpio, control, task, network, learning,
        crossbar, mqtt, newBundle, calibration);
  }

  public EngramConfig withCalibration(CalibrationConfig newCalibration) {
    return new EngramConfig(robot, kinematics, link, gpio, control, task, network, learning,
        crossbar, mqtt, bundle, newCalibration);
  }
}
