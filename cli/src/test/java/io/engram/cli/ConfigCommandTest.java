package io.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.yaml.ConfigReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {

  private static final Path EXAMPLES = Path.of(
      System.getProperty("engram.repo.root", ".."), "robot-config", "examples");

  /** Exit status, standard output and standard error of one engram invocation. */
  record Run(int status, String out, String err) {}

  static Run engram(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EngramCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void acceptsEveryExample() throws IOException {
    try (var files = Files.list(EXAMPLES)) {
      for (Path example : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Run run = engram("config", "check", example.toString());
        assertEquals(0, run.status(), example + ": " + run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("# " + example + ": valid."), run.out());
      }
    }
  }

  @Test
  void printsTheResolvedConfiguration() {
    Run run = engram("config", "check", EXAMPLES.resolve("ed-scorbot-sim.yaml").toString());
    assertEquals(0, run.status());
    assertTrue(run.out().contains("  driven-joints: [base, shoulder]\n"), run.out());
    assertTrue(run.out().contains("      safe-limits-deg: [-130, 130]\n"), run.out());
    // Defaults the file leaves out are shown too.
    assertTrue(run.out().contains("    tau-adaptation-ms: 600\n"), run.out());
  }

  @Test
  void rejectsABrokenFileNamingKeysAndLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, """
        robot:
          id: arm
          joints:
            - {name: a, limits-deg: [-90, 90], velocity-limit-deg-s: fast, counts-per-degree: 10}
            - {name: b, limits-deg: [-90, 900], velocity-limit-deg-s: 90, counts-per-degree: 10}
          driven-joints: [a, c]
        kinematics: {model: planar-2link, link-lengths-m: [0.3, 0.2]}
        network:
          target-encoding: {bits: 12}
        learning:
          etta: 0.1
        """);
    Run run = engram("config", "check", file.toString());
    assertEquals(1, run.status());
    assertEquals("", run.out());
    String f = file.toString();
    assertTrue(run.err().startsWith("5 configuration errors in " + f + ":\n"), run.err());
    assertTrue(run.err().contains(f + ":4:62: robot.joints[0].velocity-limit-deg-s: expected a"
        + " number, got the string 'fast'"), run.err());
    assertTrue(run.err().contains(f + ":5:35: robot.joints[1].limits-deg[1]: 900 is out of range"
        + " (-360 to 360)"), run.err());
    assertTrue(run.err().contains(f + ":6:22: robot.driven-joints[1]: network output 1 drives joint"
        + " 'c', which robot.joints does not have"), run.err());
    assertTrue(run.err().contains(f + ":8:1: network.lsg.inputs: "), run.err());
    assertTrue(run.err().contains(f + ":11:3: learning.etta: unknown key 'etta'; did you mean"
        + " 'eta'?"), run.err());
  }

  @Test
  void rejectsAMissingFile(@TempDir Path dir) {
    Run run = engram("config", "check", dir.resolve("nope.yaml").toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("nope.yaml: no such file"), run.err());
  }

  @Test
  void rejectsAFileThatIsNotYaml(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("notes.yaml");
    Files.writeString(file, "robot: {id: arm\njoints: [\n");
    Run run = engram("config", "check", file.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("not valid YAML"), run.err());
  }

  @Test
  void checksSeveralFilesAndFailsIfAnyFails(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "robot: 5\n");
    Run run = engram("config", "check", "-q", EXAMPLES.resolve("ed-scorbot.yaml").toString(),
        bad.toString());
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertTrue(run.err().contains(bad + ":1:8: robot: expected a mapping of keys, got the integer 5"),
        run.err());
  }

  @Test
  void needsAFile() {
    Run run = engram("config", "check");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("Missing required parameter"), run.err());
  }

  @Test
  void printsTheReference() {
    Run run = engram("config", "reference");
    assertEquals(0, run.status());
    assertEquals(ConfigReference.markdown(), run.out());
  }
}
