package io.engram.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.ConfigException;
import io.engram.config.ConfigProblem;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.LearningRule;
import io.engram.config.Transport;
import io.engram.kinematics.PlanarTwoLinkKinematics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  /** A small valid file; tests append or replace lines to break it. */
  static final String VALID = """
      robot:
        id: arm
        joints:
          - name: a
            limits-deg: [-90, 90]
            velocity-limit-deg-s: 90
            counts-per-degree: 10
          - name: b
            limits-deg: [-90, 90]
            velocity-limit-deg-s: 90
            counts-per-rev: 4096
            direction: -1
        driven-joints: [a, b]
      kinematics:
        model: planar-2link
        link-lengths-m: [0.3, 0.2]
      """;

  static EngramConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "test.yaml", Path.of("/cfg")).config();
  }

  static List<ConfigProblem> problems(String yaml) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(yaml, "test.yaml", Path.of("/cfg")));
    return e.problems();
  }

  static ConfigProblem only(String yaml) {
    List<ConfigProblem> problems = problems(yaml);
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    return problems.get(0);
  }

  @Test
  void readsAValidFileWithDefaultsForEverythingLeftOut() {
    EngramConfig c = parse(VALID);
    assertEquals("arm", c.robot().id());
    assertEquals(1, c.robot().joints().get(0).busId());
    assertEquals(2, c.robot().joints().get(1).busId());
    assertEquals(Math.toRadians(90), c.robot().joint("a").limits().maxRad(), 1e-15);
    assertEquals(c.robot().joint("a").limits(), c.robot().joint("a").safeLimits());
    assertEquals(Math.toRadians(90), c.robot().joint("a").velocityLimitRadPerS(), 1e-15);
    assertEquals(4096 / 360.0, c.robot().joint("b").countsPerDegree(), 1e-12);
    assertEquals(-1, c.robot().joint("b").direction());
    assertEquals(new PlanarTwoLinkKinematics(0.3, 0.2), c.kinematics());
    EngramConfig d = EngramConfig.defaults();
    assertEquals(d.network(), c.network());
    assertEquals(d.learning(), c.learning());
    assertEquals(d.crossbar(), c.crossbar());
    assertEquals(d.link(), c.link());
    assertEquals("engram/arm", c.mqtt().topicPrefix());
    assertEquals("engram-arm", c.mqtt().clientId());
  }

  @Test
  void convertsUnitsWhereTheKeySaysSo() {
    EngramConfig c = parse(VALID + """
        control: {arm-step-ms: 2.5, sensor-timeout-ms: 40}
        mqtt: {keep-alive-s: 12}
        crossbar: {preset: pcm-drift, device: {t-read-ns: 500}}
        """);
    assertEquals(Duration.ofNanos(2_500_000), c.control().armStep());
    assertEquals(0.0025, c.control().integrationConstantS(), 1e-15);
    assertEquals(Duration.ofSeconds(12), c.mqtt().keepAlive());
    assertEquals(500e-9, c.crossbar().device().tReadS(), 1e-20);
    assertEquals(CrossbarPreset.PCM_DRIFT, c.crossbar().preset());
    assertTrue(c.crossbar().drift(), "pcm-drift turns drift on");
    assertEquals(3600.0, c.crossbar().tInferenceS());
  }

  @Test
  void explicitKeysOverrideThePreset() {
    EngramConfig c = parse(VALID + "crossbar: {preset: pcm, read-noise: false}\n");
    assertTrue(c.crossbar().programmingNoise());
    assertEquals(false, c.crossbar().readNoise());
  }

  @Test
  void resolvesRelativePathsAgainstTheFilesDirectory() {
    EngramConfig c = parse(VALID + "bundle: {path: bundles/arm.bundle}\n");
    assertEquals(Path.of("/cfg/bundles/arm.bundle"), c.bundle().path().orElseThrow());
  }

  // ---- errors ------------------------------------------------------------------------------

  @Test
  void unknownKeyIsNamedWithItsLineAndASuggestion() {
    ConfigProblem p = only(VALID + "learning:\n  rule: readout\n  etta: 0.1\n");
    assertEquals("learning.etta", p.path());
    assertEquals(19, p.line());
    assertEquals(3, p.column());
    assertTrue(p.message().contains("unknown key 'etta'"), p.message());
    assertTrue(p.message().contains("did you mean 'eta'?"), p.message());
  }

  @Test
  void calibrationFileIsRelativeToTheConfigurationAndOffByDefault() {
    assertTrue(parse(VALID).calibration().file().isEmpty());
    EngramConfig c = parse(VALID + "calibration: {file: cal/arm.yaml, max-age-days: 7,"
        + " strict: true}\n");
    assertEquals(Path.of("/cfg/cal/arm.yaml"), c.calibration().file().orElseThrow());
    assertEquals(java.time.Duration.ofDays(7), c.calibration().policy().maxAge());
    assertTrue(c.calibration().policy().strict());
    ConfigProblem p = only(VALID + "calibration: {max-age-days: 0}\n");
    assertEquals("calibration.max-age-days", p.path());
  }

  @Test
  void unknownTopLevelSectionListsTheKnownOnes() {
    ConfigProblem p = only(VALID + "telemetry: {rate: 3}\n");
    assertEquals("telemetry", p.path());
    assertEquals(17, p.line());
    assertTrue(p.message().contains("keys here: bundle, calibration, control, crossbar"), p.message());
  }

  @Test
  void wrongTypeIsNamed() {
    ConfigProblem p = only(VALID.replace("velocity-limit-deg-s: 90\n      counts-per-rev",
        "velocity-limit-deg-s: fast\n      counts-per-rev"));
    assertEquals("robot.joints[1].velocity-limit-deg-s", p.path());
    assertEquals(10, p.line());
    assertEquals("expected a number, got the string 'fast'", p.message());
  }

  @Test
  void anIntegerKeyRejectsFractions() {
    ConfigProblem p = only(VALID + "network: {trainee: {neurons: 250.5}}\n");
    assertEquals("network.trainee.neurons", p.path());
    assertTrue(p.message().startsWith("expected an integer"), p.message());
  }

  @Test
  void quotedNumbersAreStrings() {
    ConfigProblem p = only(VALID + "link: {baud: '115200'}\n");
    assertEquals("link.baud", p.path());
    assertTrue(p.message().contains("the string '115200'"), p.message());
  }

  @Test
  void outOfRangeIsNamedWithTheRange() {
    ConfigProblem p = only(VALID.replace("limits-deg: [-90, 90]\n      velocity-limit-deg-s: 90\n"
        + "      counts-per-degree", "limits-deg: [-400, 90]\n      velocity-limit-deg-s: 90\n"
        + "      counts-per-degree"));
    assertEquals("robot.joints[0].limits-deg[0]", p.path());
    assertEquals(5, p.line());
    assertEquals("-400 is out of range (-360 to 360)", p.message());
  }

  @Test
  void targetEncodingLeadIsReadAndANegativeOneIsRefused() {
    assertEquals(0, parse(VALID).network().targetEncoding().leadSteps());
    assertEquals(
        30,
        parse(VALID + "network: {target-encoding: {lead-steps: 30}}\n")
            .network().targetEncoding().leadSteps());
    ConfigProblem p = only(VALID + "network: {target-encoding: {lead-steps: -2}}\n");
    assertEquals("network.target-encoding.lead-steps", p.path());
    assertEquals("-2 is out of range (0 to 100000)", p.message());
  }

  @Test
  void unknownChoiceListsTheChoices() {
    ConfigProblem p = only(VALID + "learning: {rule: hebb}\n");
    assertEquals("learning.rule", p.path());
    assertEquals("'hebb' is not one of natural-eprop, readout, eprop", p.message());
  }

  @Test
  void outputDrivingAMissingJointIsInconsistent() {
    ConfigProblem p = only(VALID.replace("driven-joints: [a, b]", "driven-joints: [a, c]"));
    assertEquals("robot.driven-joints[1]", p.path());
    assertEquals(13, p.line());
    assertTrue(p.message().contains("drives joint 'c', which robot.joints does not have"), p.message());
  }

  @Test
  void lsgInputsMustMatchClockAndTargetBits() {
    ConfigProblem p = only(VALID + "network:\n  target-encoding: {bits: 12}\n");
    assertEquals("network.lsg.inputs", p.path());
    assertTrue(p.message().contains("5 + 3 x 12 = 41, got 53"), p.message());
  }

  @Test
  void drivenJointsMustMatchTheTraineeOutputs() {
    ConfigProblem p = only(VALID + "network: {trainee: {outputs: 3}}\n");
    assertEquals("robot.driven-joints", p.path());
    assertEquals(13, p.line());
  }

  @Test
  void serialLinkWithoutPort() {
    ConfigProblem p = only(VALID + "link:\n  transport: serial\n");
    assertEquals("link.port", p.path());
    assertEquals(17, p.line());
  }

  @Test
  void aStoppingTimeShorterThanTheEmulatedJointsLagIsInconsistent() {
    ConfigProblem p = only(VALID + "link:\n  emulator: {lag-ms: 45}\ncontrol:\n  stopping-time-ms: 20\n");
    assertEquals("control.stopping-time-ms", p.path());
    assertEquals(20, p.line());
    assertTrue(p.message().contains("20 ms is shorter than the emulated joints' velocity lag (link.emulator.lag-ms: 45 ms)"),
        p.message());
    assertEquals(45, parse(VALID + "link:\n  emulator: {lag-ms: 45}\ncontrol:\n  stopping-time-ms: 45\n")
        .control().stoppingTime().toMillis());
    assertEquals(20, parse(VALID + "link:\n  transport: serial\n  port: /dev/ttyUSB0\n  emulator: {lag-ms: 45}\n"
        + "control:\n  stopping-time-ms: 20\n").control().stoppingTime().toMillis(), "a real arm's lag is its own");
  }

  @Test
  void linkLengthsOnlyForThePlanarArm() {
    List<ConfigProblem> p = problems(VALID.replace("model: planar-2link", "model: ed-scorbot-er7"));
    // The Scorbot model also needs four joints where this robot has two.
    assertEquals(List.of("kinematics.model", "kinematics.link-lengths-m"),
        p.stream().map(ConfigProblem::path).toList());
  }

  @Test
  void countsGivenTwiceOrNotAtAll() {
    List<ConfigProblem> p = problems(VALID
        .replace("counts-per-degree: 10", "counts-per-degree: 10\n      counts-per-rev: 3600")
        .replace("      counts-per-rev: 4096\n", ""));
    assertEquals(List.of("robot.joints[0].counts-per-rev", "robot.joints[1].counts-per-degree"),
        p.stream().map(ConfigProblem::path).toList());
  }

  @Test
  void limitsMustBeOrderedAndSafeLimitsInside() {
    List<ConfigProblem> p = problems(VALID
        .replace("limits-deg: [-90, 90]\n      velocity-limit-deg-s: 90\n      counts-per-degree",
            "limits-deg: [90, -90]\n      velocity-limit-deg-s: 90\n      counts-per-degree")
        .replace("direction: -1", "direction: -1\n      safe-limits-deg: [-100, 10]"));
    assertEquals(List.of("robot.joints[0].limits-deg", "robot.joints[1].safe-limits-deg"),
        p.stream().map(ConfigProblem::path).toList());
  }

  @Test
  void duplicateKeyIsAnError() {
    ConfigProblem p = only(VALID + "learning: {eta: 0.1}\nlearning: {eta: 0.2}\n");
    assertEquals("learning", p.path());
    assertEquals(18, p.line());
    assertTrue(p.message().contains("already given on line 17"), p.message());
  }

  @Test
  void missingRobotIsOneProblem() {
    ConfigProblem p = only("learning: {rule: readout}\n");
    assertEquals("robot", p.path());
    assertEquals("missing required key 'robot'", p.message());
  }

  @Test
  void missingRequiredJointKeys() {
    List<ConfigProblem> p = problems(VALID.replace("    - name: a\n", "    - bus-id: 1\n")
        .replace("      counts-per-rev: 4096\n", ""));
    // Without its name, joint 0 is no longer the 'a' that output 0 drives.
    assertEquals(List.of("robot.joints[0].name", "robot.joints[1].counts-per-degree",
        "robot.driven-joints[0]"), p.stream().map(ConfigProblem::path).toList());
  }

  @Test
  void reportsEveryProblemOfAFileAtOnceInLineOrder() {
    String broken = VALID.replace("driven-joints: [a, b]", "driven-joints: [a, c]") + """
        link:
          transport: serial
          baud: -5
        crossbar: {preset: pcm, colour: red}
        gpio: {estop: {pin: 40}}
        mqtt: {qos: 3, broker-uri: 'http://x'}
        """;
    List<ConfigProblem> p = problems(broken);
    assertEquals(List.of("robot.driven-joints[1]", "link.port", "link.baud", "crossbar.colour",
        "gpio.estop.pin", "mqtt.qos", "mqtt.broker-uri"), p.stream().map(ConfigProblem::path).toList());
    List<Integer> lines = p.stream().map(ConfigProblem::line).toList();
    assertEquals(lines.stream().sorted().toList(), lines);
  }

  @Test
  void serveNeedsABroker() {
    ConfigProblem p = only(VALID + "mqtt: {serve: true}\n");
    assertEquals("mqtt.serve", p.path());
    assertTrue(p.message().contains("needs enabled: true"), p.message());
    LoadedConfig ok = ConfigLoader.parse(VALID + "mqtt: {enabled: true, serve: true}\n", "a.yaml",
        Path.of("/"));
    assertTrue(ok.config().mqtt().serve());
    assertFalse(ConfigLoader.parse(VALID, "a.yaml", Path.of("/")).config().mqtt().serve());
  }

  @Test
  void notYamlIsReportedWithItsLine() {
    ConfigProblem p = only("robot:\n  id: arm\n  joints: [a, b\nlink: {}\n");
    assertTrue(p.message().startsWith("not valid YAML"), p.message());
    assertTrue(p.line() >= 3, "line " + p.line());
  }

  @Test
  void topLevelMustBeAMapping() {
    ConfigProblem p = only("- robot\n- link\n");
    assertTrue(p.message().startsWith("expected a mapping of sections"), p.message());
    assertEquals(1, p.line());
  }

  @Test
  void emptyFileIsAnError() {
    assertTrue(only("# nothing\n").message().contains("the file is empty"));
  }

  @Test
  void missingFile(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals("no such file", e.problems().get(0).message());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void binaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("weights.bin");
    Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) 0xff, 0});
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertTrue(e.problems().get(0).message().startsWith("not a text file"), e.getMessage());
  }

  @Test
  void messagesReadLikeCompilerErrors() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(VALID + "learning: {rule: hebb}\n", "arm.yaml", Path.of("/")));
    assertEquals("1 configuration error in arm.yaml:\n"
        + "  arm.yaml:17:18: learning.rule: 'hebb' is not one of natural-eprop, readout, eprop",
        e.getMessage());
  }

  @Test
  void resolvedYamlReadsBackToTheSameConfiguration() {
    String yaml = VALID + """
        learning: {rule: eprop, eprop: {trials: 3}}
        crossbar: {preset: pcm-drift, drift-compensation: global, pair-factors: [1, 2, 4]}
        mqtt: {enabled: true, broker-uri: 'ssl://b:8883', tls: {ca-file: ca.pem}}
        """;
    LoadedConfig first = ConfigLoader.parse(yaml, "a.yaml", Path.of("/cfg"));
    LoadedConfig second = ConfigLoader.parse(first.resolvedYaml(), "b.yaml", Path.of("/elsewhere"));
    assertEquals(first.config(), second.config());
    assertEquals(LearningRule.EPROP, second.config().learning().rule());
    assertEquals(Path.of("/cfg/ca.pem"), second.config().mqtt().tls().orElseThrow().caFile());
    assertEquals(Transport.EMULATED, second.config().link().transport());
  }
}
