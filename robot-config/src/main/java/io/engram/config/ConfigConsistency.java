package io.engram.config;

import io.engram.kinematics.ForwardKinematics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules that tie sections together: driven joints that exist, network sizes that fit each other,
 * a port for a serial link. Each problem names the key (in the file's terms) to fix.
 */
public final class ConfigConsistency {

  private ConfigConsistency() {}

  /** Every inconsistency among the sections; empty when they fit together. */
  public static List<ConfigProblem> check(
      RobotConfig robot,
      ForwardKinematics kinematics,
      LinkConfig link,
      GpioConfig gpio,
      NetworkConfig network,
      MqttConfig mqtt) {
    List<ConfigProblem> problems = new ArrayList<>();
    checkRobot(robot, network.trainee(), problems);
    checkNetwork(network, problems);
    checkKinematics(kinematics, robot, problems);
    checkLink(link, problems);
    checkGpio(gpio, problems);
    checkMqtt(mqtt, problems);
    return problems;
  }

  /** The kinematic model needs at least as many joints as it reads. */
  public static void checkKinematics(
      ForwardKinematics kinematics, RobotConfig robot, List<ConfigProblem> problems) {
    if (!robot.joints().isEmpty() && kinematics.jointCount() > robot.joints().size()) {
      problems.add(ConfigProblem.at("kinematics.model",
          ConfigNames.of(KinematicModel.of(kinematics)) + " needs " + kinematics.jointCount()
              + " joints but robot.joints lists " + robot.joints().size()));
    }
  }

  /** A serial link names its port. */
  /**
   * On the emulated arm the write guard's stopping time must cover the emulated joints' velocity
   * lag, or a joint at full speed coasts past its safe limit. Checked for configuration files; a
   * configuration built in code may set a shorter time on purpose (to measure the guard without
   * it).
   */
  public static void checkControl(ControlConfig control, LinkConfig link, List<ConfigProblem> problems) {
    if (link.transport() == Transport.EMULATED && control.stoppingTime().compareTo(link.emulator().lag()) < 0) {
      problems.add(ConfigProblem.at("control.stopping-time-ms", String.format(java.util.Locale.ROOT,
          "%d ms is shorter than the emulated joints' velocity lag (link.emulator.lag-ms: %d ms): the write"
              + " guard would let a joint coast past its safe limit; use at least %d",
          control.stoppingTime().toMillis(), link.emulator().lag().toMillis(), link.emulator().lag().toMillis())));
    }
  }

  public static void checkLink(LinkConfig link, List<ConfigProblem> problems) {
    if (link.transport() == Transport.SERIAL && link.port().isEmpty()) {
      problems.add(ConfigProblem.at("link.port", "a serial link needs a port, e.g. /dev/ttyUSB0"));
    }
  }

  /** Unique joint names and bus ids; one existing joint per network output. */
  public static void checkRobot(RobotConfig robot, TraineeConfig trainee, List<ConfigProblem> problems) {
    List<JointConfig> joints = robot.joints();
    if (joints.isEmpty()) {
      problems.add(ConfigProblem.at("robot.joints", "the robot needs at least one joint"));
    }
    Map<String, Integer> names = new HashMap<>();
    Map<Integer, Integer> busIds = new HashMap<>();
    for (int i = 0; i < joints.size(); i++) {
      JointConfig joint = joints.get(i);
      Integer earlier = names.putIfAbsent(joint.name(), i);
      if (earlier != null) {
        problems.add(ConfigProblem.at("robot.joints[" + i + "].name",
            "joint name '" + joint.name() + "' is already used by robot.joints[" + earlier + "]"));
      }
      earlier = busIds.putIfAbsent(joint.busId(), i);
      if (earlier != null) {
        problems.add(ConfigProblem.at("robot.joints[" + i + "].bus-id",
            "bus id " + joint.busId() + " is already used by robot.joints[" + earlier + "]"));
      }
    }
    List<String> driven = robot.drivenJoints();
    for (int k = 0; k < driven.size(); k++) {
      String name = driven.get(k);
      if (!names.containsKey(name)) {
        problems.add(ConfigProblem.at("robot.driven-joints[" + k + "]",
            "network output " + k + " drives joint '" + name + "', which robot.joints does not have"
                + (names.isEmpty() ? "" : " (joints: " + joints.stream().map(JointConfig::name)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")")));
      } else if (driven.indexOf(name) != k) {
        problems.add(ConfigProblem.at("robot.driven-joints[" + k + "]",
            "joint '" + name + "' is already driven by network output " + driven.indexOf(name)));
      }
    }
    if (driven.size() != trainee.outputs()) {
      problems.add(ConfigProblem.at("robot.driven-joints",
          driven.size() + (driven.size() == 1 ? " driven joint" : " driven joints")
              + ", but the trainee has network.trainee.outputs = "
              + trainee.outputs() + " outputs; they must match"));
    }
  }

  /** Network sizes that fit each other: inputs from the encoders, one LSG output per trainee neuron. */
  public static void checkNetwork(NetworkConfig network, List<ConfigProblem> problems) {
    TraineeConfig trainee = network.trainee();
    LsgConfig lsg = network.lsg();
    int clock = network.clock().channels();
    if (trainee.inputs() != clock) {
      problems.add(ConfigProblem.at("network.trainee.inputs",
          "the trainee reads the clock: inputs must equal network.clock.channels = " + clock
              + ", got " + trainee.inputs()));
    }
    int bits = network.targetEncoding().bits();
    int lsgInputs = clock + network.targetEncoding().channels();
    if (lsg.inputs() != lsgInputs) {
      problems.add(ConfigProblem.at("network.lsg.inputs",
          "the LSG reads the clock and the target bits: inputs must equal network.clock.channels + 3"
              + " x network.target-encoding.bits = " + clock + " + 3 x " + bits + " = " + lsgInputs
              + ", got " + lsg.inputs()));
    }
    if (lsg.outputs() != trainee.neurons()) {
      problems.add(ConfigProblem.at("network.lsg.outputs",
          "the LSG gives one learning signal per trainee neuron: outputs must equal"
              + " network.trainee.neurons = " + trainee.neurons() + ", got " + lsg.outputs()));
    }
    if (lsg.alifNeurons() > lsg.neurons()) {
      problems.add(ConfigProblem.at("network.lsg.alif-neurons",
          lsg.alifNeurons() + " adaptive neurons but only network.lsg.neurons = " + lsg.neurons()));
    }
  }

  /** One pin per signal. */
  public static void checkGpio(GpioConfig gpio, List<ConfigProblem> problems) {
    int estop = gpio.estop().pin();
    int enable = gpio.motorEnable().pin();
    if (enable == estop) {
      problems.add(ConfigProblem.at("gpio.motor-enable.pin",
          "pin " + enable + " is already the e-stop input (gpio.estop.pin)"));
    }
    gpio.statusLed().ifPresent(led -> {
      if (led.pin() == estop || led.pin() == enable) {
        problems.add(ConfigProblem.at("gpio.status-led.pin",
            "pin " + led.pin() + " is already used by "
                + (led.pin() == estop ? "gpio.estop.pin" : "gpio.motor-enable.pin")));
      }
    });
  }

  /** TLS only with an ssl:// broker; a client certificate with its key. */
  public static void checkMqtt(MqttConfig mqtt, List<ConfigProblem> problems) {
    boolean ssl = mqtt.brokerUri().startsWith("ssl://");
    if (mqtt.tls().isPresent() && !ssl) {
      problems.add(ConfigProblem.at("mqtt.tls", "TLS settings need an ssl:// broker-uri"));
    }
    mqtt.tls().ifPresent(tls -> {
      if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
        problems.add(ConfigProblem.at(tls.certFile().isPresent() ? "mqtt.tls.cert-file" : "mqtt.tls.key-file",
            "a client certificate needs both cert-file and key-file"));
      }
    });
  }
}
