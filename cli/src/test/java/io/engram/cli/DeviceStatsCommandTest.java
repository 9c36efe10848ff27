package io.engram.cli;

import static io.engram.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStatsCommandTest {

  @TempDir Path dir;

  @Test
  void writesOneRowPerLevelAndTime() throws Exception {
    Path csv = dir.resolve("stats.csv");
    String[] io =
        run(0, "device-stats", "--levels", "1,0.5,0.25,0.1,0.01", "--times", "1,3600,86400",
            "--devices", "2000", "--seed", "4", "--out", csv.toString());
    assertTrue(io[0].contains("nu mean"), io[0]);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("level,time_s,prog_mean_uS,prog_std_uS,read_mean_uS,read_std_uS,nu_mean", lines.get(0));
    assertEquals(1 + 15, lines.size());
    String[] first = lines.get(1).split(",");
    assertEquals(7, first.length);
    assertEquals(1.0, Double.parseDouble(first[0]));
    assertEquals(1.0, Double.parseDouble(first[1]));
    // Clipped at Gmax: the mean programmed conductance of g = 1 is about 24.58 uS.
    assertEquals(24.58, Double.parseDouble(first[2]), 0.1);
    String[] day = lines.get(3).split(",");
    assertTrue(Double.parseDouble(day[4]) < 0.75 * 25, "a day of drift: " + lines.get(3));
  }

  @Test
  void theIdealDeviceHoldsItsLevelsAndTheSeedReproduces() throws Exception {
    String[] ideal = run(0, "device-stats", "--device", "ideal", "--levels", "0.5", "--times", "86400", "--devices", "10");
    assertTrue(ideal[0].contains("0.5,86400.0,12.5,0.0,12.5,0.0,0.0"), ideal[0]);
    String[] a = run(0, "device-stats", "--levels", "0.3", "--times", "60", "--devices", "100", "--seed", "9");
    String[] b = run(0, "device-stats", "--levels", "0.3", "--times", "60", "--devices", "100", "--seed", "9");
    assertEquals(a[0], b[0]);
  }

  @Test
  void badArgumentsAreRefused() {
    assertTrue(run(2, "device-stats", "--devices", "1")[1].contains("at least 2"));
    assertTrue(run(1, "device-stats", "--levels", "1.5")[1].contains("fractions of Gmax"));
    assertTrue(run(2, "device-stats", "--device", "flash")[1].contains("ideal|pcm|pcm-drift"));
  }
}
