package io.engram.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngramConfigTest {

  private final EngramConfig defaults = EngramConfig.defaults();

  @Test
  void defaultsDescribeTheEmulatedScorbot() {
    assertEquals(6, defaults.robot().joints().size());
    assertArrayEquals(new int[] {0, 1}, defaults.robot().drivenJointIndices());
    assertEquals(0.01, defaults.control().integrationConstantS(), 0.0);
    assertEquals(Math.exp(-1.0 / 20), defaults.network().trainee().alpha(defaults.network().dtMs()));
    assertEquals(560, defaults.network().lsg().lifNeurons());
    assertEquals(Transport.EMULATED, defaults.link().transport());
    assertEquals(Math.toRadians(130), defaults.robot().joint("base").safeLimits().maxRad(), 1e-15);
  }

  @Test
  void rejectsAnOutputDrivingAMissingJoint() {
    RobotConfig robot = defaults.robot();
    RobotConfig broken = new RobotConfig(robot.id(), robot.joints(), List.of("base", "knee"));
    ConfigException e = assertThrows(ConfigException.class, () -> new EngramConfig(broken,
        defaults.kinematics(), defaults.link(), defaults.gpio(), defaults.control(), defaults.task(),
        defaults.network(), defaults.learning(), defaults.crossbar(), defaults.mqtt(), defaults.bundle()));
    assertEquals("robot.driven-joints[1]", e.problems().get(0).path());
  }

  @Test
  void rejectsAnLsgThatDoesNotReadClockAndTarget() {
    NetworkConfig n = defaults.network();
    LsgConfig l = n.lsg();
    NetworkConfig broken = new NetworkConfig(n.dtMs(), n.trainee(),
        new LsgConfig(52, l.neurons(), l.alifNeurons(), l.outputs(), l.tauMemMs(), l.tauOutMs(),
            l.threshold(), l.adaptationStrength(), l.tauAdaptationMs(), l.gamma(), l.refractorySteps()),
        n.clock(), n.targetEncoding());
    ConfigException e = assertThrows(ConfigException.class, () -> new EngramConfig(defaults.robot(),
        defaults.kinematics(), defaults.link(), defaults.gpio(), defaults.control(), defaults.task(),
        broken, defaults.learning(), defaults.crossbar(), defaults.mqtt(), defaults.bundle()));
    assertEquals(List.of("network.lsg.inputs"), e.problems().stream().map(ConfigProblem::path).toList());
  }

  @Test
  void aSerialLinkNeedsAPort() {
    LinkConfig l = defaults.link();
    LinkConfig serial = new LinkConfig(Transport.SERIAL, l.protocol(), Optional.empty(), l.baud(),
        l.readTimeout(), l.retries(), l.emulator(), l.dynamixel());
    ConfigException e = assertThrows(ConfigException.class, () -> defaults.withLink(serial));
    assertEquals("link.port", e.problems().get(0).path());
  }
}
