package io.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  static final Path ROOT = Path.of(System.getProperty("engram.repo.root", ".."));

  /** The table rows whose operation starts with {@code prefix}, split on runs of spaces. */
  static List<String[]> rows(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim().split("\\s+")).toList();
  }

  @Test
  void timesTheControlStepAgainstANetworkStepWithoutAllocating() {
    String out = CommandRun.run(0, "bench", "--only", "control", "--seconds", "0.2")[0];
    List<String[]> baseline = rows(out, "network step, ideal (baseline)");
    assertEquals(1, baseline.size(), out);
    assertEquals("1.00x", baseline.get(0)[5], out);
    for (String device : new String[] {"ideal", "pcm"}) {
      String[] loop = rows(out, "loop step, " + device).get(0);
      double mean = Double.parseDouble(loop[0]);
      double p50 = Double.parseDouble(loop[1]);
      double p99 = Double.parseDouble(loop[2]);
      assertTrue(mean > 0 && p50 > 0 && p99 >= p50, Arrays.toString(loop));
      assertTrue(Long.parseLong(loop[3]) > 10, "calls " + loop[3]);
      assertTrue(Double.parseDouble(loop[4]) < 1.0, "the loop step allocates " + loop[4] + " bytes per call");
      double ratio = Double.parseDouble(loop[5].replace("x", ""));
      assertTrue(ratio > 0, out);
    }
    assertTrue(!out.contains("adaptation:"), "--only control prints no adaptation table");
  }

  @Test
  void timesEachRuleAgainstTheReadoutRuleWithTheDefaultBundle() {
    Path config = ROOT.resolve("robot-config/examples/ed-scorbot-default-bundle.yaml");
    Path bundle = ROOT.resolve("runtime/src/main/resources/bundles/ed-scorbot-er7-default.npz");
    String out = CommandRun.run(0, "bench", "--only", "adapt", "--seconds", "0.1",
        "--config", config.toString(), "--bundle", bundle.toString())[0];
    assertEquals("1.00x", rows(out, "readout (baseline)").get(0)[5], out);
    assertEquals(1, rows(out, "e-prop,").size(), out);
    String[] natural = rows(out, "natural e-prop").get(0);
    assertTrue(Double.parseDouble(natural[0]) > 0, out);
    assertTrue(!out.toLowerCase(Locale.ROOT).contains("not timed"), out);
  }

  @Test
  void refusesUnknownTablesAndBadDurations() {
    assertTrue(CommandRun.run(2, "bench", "--only", "speed")[1].contains("no table 'speed'"));
    assertTrue(CommandRun.run(2, "bench", "--seconds", "0")[1].contains("--seconds must be"));
  }
}
