package io.engram.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.ConfigException;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.FaultRemedy;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationFilesTest {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static Calibration sample(long offset) {
    JointCalibration joints = new JointCalibration(T0, HomingMethod.LIMIT_SWITCH, List.of(
        new JointCorrection("base", offset, -1, 3.1428, 31.5, 0.01),
        new JointCorrection("shoulder", -7, 1, 8.8247, Double.NaN, Double.NaN)));
    CrossbarCalibration crossbar = new CrossbarCalibration(T0.plusSeconds(60), 2, 3, 4,
        new int[] {0, 17}, new int[] {5}, FaultRemedy.PAIR, new double[] {1, 1.0625, 0.9},
        new double[] {0, -1.5e-3, 2e-4}, new double[] {120.5, 99, 0}, 1.18, 5, 0.5);
    return Calibration.ofJoints("ed-scorbot-er7", joints).withCrossbar(crossbar);
  }

  @Test
  void roundTripsThroughYaml() {
    Calibration c = sample(12);
    Calibration back = CalibrationLoader.parse(CalibrationWriter.yaml(c), "mem");
    assertEquals(c.robotId(), back.robotId());
    assertEquals(T0.plusSeconds(60), back.created());
    assertEquals(c.crossbar(), back.crossbar());
    assertEquals(c.joints().get().created(), back.joints().get().created());
    assertEquals(c.joints().get().method(), back.joints().get().method());
    JointCorrection base = back.joints().get().joints().get(0);
    assertEquals(12, base.homeOffsetCounts());
    assertEquals(-1, base.direction());
    assertEquals(3.1428, base.countsPerDegree());
    assertEquals(31.5, base.latencyMs());
    assertTrue(Double.isNaN(back.joints().get().joints().get(1).latencyMs()));
  }

  @Test
  void reportsEveryProblemWithItsLine() {
    String text = String.join("\n",
        "format: 1",
        "robot-id: r",
        "created: yesterday",
        "joints:",
        "  created: 2026-11-23T10:00:00Z",
        "  corrections:",
        "    - name: base",
        "      direction: 0",
        "      counts-per-degree: 3",
        "      colour: red",
        "");
    ConfigException e = assertThrows(ConfigException.class,
        () -> CalibrationLoader.parse(text, "cal.yaml"));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("created"), e.getMessage());
    assertTrue(e.getMessage().contains("joints.corrections[0].direction"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key 'colour'"), e.getMessage());
  }

  @Test
  void rejectsAnotherFormatAndACrossbarThatDoesNotFit() {
    ConfigException format = assertThrows(ConfigException.class, () -> CalibrationLoader.parse(
        "format: 2\nrobot-id: r\ncreated: 2026-11-23T10:00:00Z\n", "cal.yaml"));
    assertTrue(format.getMessage().contains("format 2 is not supported"), format.getMessage());
    String crossbar = CalibrationWriter.yaml(sample(0)).replace("stuck-set: [0, 17]",
        "stuck-set: [0, 999]");
    ConfigException range = assertThrows(ConfigException.class,
        () -> CalibrationLoader.parse(crossbar, "cal.yaml"));
    assertTrue(range.getMessage().contains("stuck-set"), range.getMessage());
  }

  @Test
  void aMissingOrBinaryFileIsAClearError(@TempDir Path dir) throws IOException {
    ConfigException missing = assertThrows(ConfigException.class,
        () -> CalibrationLoader.load(dir.resolve("none.yaml")));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    Path binary = dir.resolve("cal.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    ConfigException text = assertThrows(ConfigException.class,
        () -> CalibrationLoader.load(binary));
    assertTrue(text.getMessage().contains("a calibration is a YAML text file"), text.getMessage());
  }

  @Test
  void writesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("calibration.yaml");
    CalibrationWriter.write(file, sample(1));
    CalibrationWriter.write(file, sample(2));
    assertEquals(2, offset(CalibrationLoader.load(file)));
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void aFailureAfterTheTemporaryWriteKeepsThePreviousFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("calibration.yaml");
    CalibrationWriter.write(file, sample(1));
    byte[] before = Files.readAllBytes(file);
    assertThrows(UncheckedIOException.class, () -> CalibrationWriter.write(file, sample(2), () -> {
      throw new UncheckedIOException(new IOException("disk pulled"));
    }));
    assertTrue(Arrays.equals(before, Files.readAllBytes(file)));
    assertEquals(1, offset(CalibrationLoader.load(file)));
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void aWriterKilledMidWriteKeepsThePreviousFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("calibration.yaml");
    CalibrationWriter.write(file, sample(1));
    byte[] before = Files.readAllBytes(file);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(javaBin.toString(), "-cp",
        System.getProperty("java.class.path"), StalledCalibrationWrite.class.getName(),
        file.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals(StalledCalibrationWrite.READY));
      assertEquals(StalledCalibrationWrite.READY, line, "the child never reached the rename");
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertTrue(Arrays.equals(before, Files.readAllBytes(file)));
    assertEquals(1, offset(CalibrationLoader.load(file)));
    // The killed writer's temporary file may remain; it is hidden and never read as the file.
    assertFalse(list(dir).stream().anyMatch(p -> !p.equals(file)
        && !p.getFileName().toString().startsWith(".calibration.yaml.")));
  }

  private static long offset(Calibration c) {
    return c.joints().get().joints().get(0).homeOffsetCounts();
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
