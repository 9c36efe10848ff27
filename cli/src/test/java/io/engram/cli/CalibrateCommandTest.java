package io.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.JointCorrection;
import io.engram.config.yaml.CalibrationLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {

  static final Path EXAMPLES = Path.of(System.getProperty("engram.repo.root", ".."),
      "robot-config", "examples");

  @TempDir Path dir;

  private static String[] run(int expectedExit, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      assertEquals(expectedExit, EngramCommand.execute(args),
          o.toString(StandardCharsets.UTF_8) + e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void calibratesTheJointsThenTheCrossbarIntoOneFile() throws Exception {
    Path cal = dir.resolve("cal.yaml");
    String config = EXAMPLES.resolve("ed-scorbot-sim.yaml").toString();
    // The joints first: the emulated firmware's watchdog shares this JVM, so the crossbar's
    // garbage is better collected after the arm has moved.
    String[] j = run(0, "calibrate", "joints", "--config", config, "--out", cal.toString(),
        "--emulated-arm", EXAMPLES.resolve("ed-scorbot-sim-offset-encoders.yaml").toString(),
        "--search-speed", "90");
    assertTrue(j[0].contains("differs from the configuration: base, shoulder"), j[0]);
    Calibration first = CalibrationLoader.load(cal);
    JointCorrection base = first.joints().orElseThrow().joints().get(0);
    assertEquals(120, base.homeOffsetCounts(), 2);
    assertEquals(3.55, base.countsPerDegree(), 0.02);
    assertEquals(1, first.joints().orElseThrow().joints().get(1).direction());

    String[] x = run(0, "calibrate", "crossbar", "--config", config, "--out", cal.toString(),
        "--device", "pcm", "--fault-rate", "0.01");
    assertTrue(x[0].contains("<- chosen"), x[0]);
    assertTrue(x[0].contains("stuck devices: "), x[0]);
    assertTrue(x[1].contains("[100%] done"), x[1]);
    Calibration both = CalibrationLoader.load(cal);
    int stuck = both.crossbar().orElseThrow().stuckDevices();
    assertTrue(stuck > 1500 && stuck < 3500, "stuck devices found: " + stuck);
    assertEquals(first.joints(), both.joints(), "the joint part is kept");
  }

  @Test
  void aBrokenCalibrationFileIsReportedAndKept() throws Exception {
    Path cal = dir.resolve("cal.yaml");
    Files.writeString(cal, "format: 1\nrobot-id: [\n");
    String[] io = run(1, "calibrate", "crossbar", "--config",
        EXAMPLES.resolve("ed-scorbot-sim.yaml").toString(), "--out", cal.toString());
    assertTrue(io[1].contains("cal.yaml"), io[1]);
    assertEquals("format: 1\nrobot-id: [\n", Files.readString(cal));
  }
}
