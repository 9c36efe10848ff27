package io.engram.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.DynamixelOperatingMode;
import io.engram.config.EngramConfig;
import io.engram.config.GpioProvider;
import io.engram.config.JointConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.RobotConfig;
import io.engram.config.Transport;
import io.engram.config.WireProtocol;
import io.engram.kinematics.EdScorbotEr7Kinematics;
import io.engram.kinematics.PlanarTwoLinkKinematics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every file in robot-config/examples/ is a valid configuration and means what it says. */
class ExampleConfigsTest {

  static final Path EXAMPLES = Path.of("examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertTrue(yaml.size() >= 3, "examples found: " + yaml);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void loadsAndReadsBackFromItsResolvedForm(Path file) {
    LoadedConfig loaded = ConfigLoader.read(file);
    LoadedConfig again = ConfigLoader.parse(loaded.resolvedYaml(), "resolved", Path.of("/"));
    assertEquals(loaded.config(), again.config());
  }

  @Test
  void theSimulatedScorbotIsTheDefaultConfigurationWithTheReadoutRule() {
    // The main job runs without a meta-trained bundle, so its file picks the rule that needs none.
    EngramConfig d = EngramConfig.defaults();
    LearningConfig l = d.learning();
    assertEquals(
        d.withLearning(new LearningConfig(LearningRule.READOUT, l.eta(), l.updateQuantum(),
            l.readout(), l.eprop())),
        ConfigLoader.load(EXAMPLES.resolve("ed-scorbot-sim.yaml")));
  }

  @Test
  void theRealScorbotIsOnASerialPort() {
    EngramConfig c = ConfigLoader.load(EXAMPLES.resolve("ed-scorbot.yaml"));
    assertEquals(RobotConfig.edScorbotEr7(), c.robot());
    assertEquals(new EdScorbotEr7Kinematics(), c.kinematics());
    assertEquals(Transport.SERIAL, c.link().transport());
    assertEquals(WireProtocol.ENGRAM, c.link().protocol());
    assertEquals("/dev/ttyUSB0", c.link().port().orElseThrow());
    assertEquals(GpioProvider.PI4J, c.gpio().provider());
    assertEquals(0.0625, c.learning().updateQuantum());
    assertTrue(c.mqtt().enabled());
  }

  @Test
  void theDynamixelArmUsesXSeriesUnits() {
    EngramConfig c = ConfigLoader.load(EXAMPLES.resolve("dynamixel-xm430.yaml"));
    assertEquals(WireProtocol.DYNAMIXEL2, c.link().protocol());
    assertEquals(1_000_000, c.link().baud());
    assertEquals(0.229, c.link().dynamixel().velocityUnitRpm());
    assertEquals(DynamixelOperatingMode.VELOCITY, c.link().dynamixel().operatingMode());
    assertEquals(new PlanarTwoLinkKinematics(0.20, 0.15), c.kinematics());
    assertEquals(LearningRule.READOUT, c.learning().rule());
    JointConfig shoulder = c.robot().joint("shoulder");
    assertEquals(2048, shoulder.radiansToCounts(0));
    assertEquals(3072, shoulder.radiansToCounts(Math.PI / 2));
    assertEquals(List.of("shoulder", "elbow"), c.robot().drivenJoints());
  }
}
