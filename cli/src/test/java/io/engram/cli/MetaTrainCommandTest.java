package io.engram.cli;

import static io.engram.cli.ConfigCommandTest.engram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaTrainCommandTest {

  private static final Path EXAMPLE = Path.of(
      System.getProperty("engram.repo.root", ".."), "robot-config", "examples", "ed-scorbot-sim.yaml");

  @TempDir Path dir;

  /** The example robot with tiny networks. */
  private Path tinyConfig() throws Exception {
    List<String> lines = Files.readAllLines(EXAMPLE);
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("link:")) {
        break;
      }
      sb.append(line).append('\n');
    }
    sb.append("network:\n  trainee:\n    neurons: 10\n  lsg:\n    neurons: 14\n    alif-neurons: 4\n    outputs: 10\n");
    Path file = dir.resolve("tiny.yaml");
    Files.writeString(file, sb);
    return file;
  }

  @Test
  void trainsResumesAndWritesAVerifiableBundle() throws Exception {
    Path config = tinyConfig();
    Path out = dir.resolve("run");
    ConfigCommandTest.Run run =
        engram("meta-train", "--config", config.toString(), "--iterations", "2", "--batch", "2",
            "--out", out.toString(), "--validate-every", "1", "--validation-tasks", "3");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("meta-training: 2 iterations of 2 tasks"), run.out());
    assertTrue(run.err().contains("2/2"), run.err());
    assertTrue(run.out().contains("validation at iteration 2 ("), run.out());
    run = engram("meta-train", "--config", config.toString(), "--iterations", "3", "--batch", "2",
        "--out", out.toString(), "--validate-every", "1", "--validation-tasks", "3", "--resume");
    assertEquals(0, run.status(), run.err());
    assertEquals(5, Files.readAllLines(out.resolve("validation.csv")).size(), "header + iterations 0..3");
    run = engram("bundle", "verify", "--network", "--config", config.toString(), out.resolve("bundle.npz").toString());
    assertEquals(0, run.status(), run.err());
    run = engram("bundle", "inspect", out.resolve("bundle.npz").toString());
    assertTrue(run.out().contains("\"command\" : \"engram meta-train --config "), run.out());
  }

  @Test
  void annealsTheLearningRateOverTheRunAndRecordsTheSchedule() throws Exception {
    Path config = tinyConfig();
    Path out = dir.resolve("annealed");
    ConfigCommandTest.Run run =
        engram("meta-train", "--config", config.toString(), "--iterations", "2", "--batch", "2",
            "--out", out.toString(), "--validate-every", "1", "--validation-tasks", "3", "--anneal", "0.05");
    assertEquals(0, run.status(), run.err());
    run = engram("bundle", "inspect", out.resolve("bundle.npz").toString());
    assertTrue(run.out().contains("\"schedule\" : \"cosine\""), run.out());
    assertTrue(run.out().contains("\"floor\" : 0.05"), run.out());
    run = engram("meta-train", "--config", config.toString(), "--iterations", "2", "--batch", "2",
        "--out", dir.resolve("bad").toString(), "--anneal", "2");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--anneal needs a floor in [0, 1]"), run.err());
  }

  @Test
  void trainsOnTheEndEffectorDistanceAndRecordsTheLoss() throws Exception {
    Path out = dir.resolve("distance");
    ConfigCommandTest.Run run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "2", "--out", out.toString(), "--validate-every", "1", "--validation-tasks", "3",
        "--position-loss", "distance");
    assertEquals(0, run.status(), run.err());
    run = engram("bundle", "inspect", out.resolve("bundle.npz").toString());
    assertTrue(run.out().contains("\"position_loss\" : \"distance\""), run.out());
    run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--position-loss", "absolute");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--position-loss must be squared or distance, not 'absolute'"), run.err());
    assertTrue(Files.notExists(dir.resolve("bad").resolve("bundle.npz")), "nothing written");
  }

  @Test
  void refusesALowestLsgBitOutsideTheTargetCode() throws Exception {
    ConfigCommandTest.Run run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--constructed-start", "4", "--lsg-lowest-bit", "16");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--lsg-lowest-bit must be in [0, 15]"), run.err());
    assertTrue(Files.notExists(dir.resolve("bad").resolve("bundle.npz")), "nothing written");
    run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--lsg-lowest-bit", "10");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--lsg-lowest-bit needs --constructed-start"), run.err());
  }

  @Test
  void refusesPositionNeuronsWithoutAConstructedStartOrRoomForThem() throws Exception {
    ConfigCommandTest.Run run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--lsg-position-neurons", "4");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--lsg-position-neurons needs --constructed-start"), run.err());
    run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--constructed-start", "4", "--lsg-position-neurons", "-1");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--lsg-position-neurons must be >= 0"), run.err());
    run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--constructed-start", "4", "--lsg-lowest-bit", "15",
        "--lsg-position-neurons", "2");
    assertEquals(2, run.status(), run.err());
    // Ring 5, relays and chains of bit 15: 3 x 7 = 21, position neurons 2: 28 of the tiny LSG's 14.
    assertTrue(run.err().contains("the constructed LSG needs more than 28 neurons"), run.err());
    assertTrue(Files.notExists(dir.resolve("bad").resolve("bundle.npz")), "nothing written");
  }

  @Test
  void refusesToTrainTheLsgMixingWithoutItsWiringOrWithItsMatricesFrozen() throws Exception {
    ConfigCommandTest.Run run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--train-lsg-mixing");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("--train-lsg-mixing needs --constructed-start"), run.err());
    run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
        "--batch", "1", "--out", dir.resolve("bad").toString(), "--constructed-start", "4", "--train-lsg-mixing",
        "--frozen", "W_in_lsg,W_rec_lsg");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("do not list both in --frozen"), run.err());
    assertTrue(Files.notExists(dir.resolve("bad").resolve("bundle.npz")), "nothing written");
  }

  @Test
  void refusesAWeightAverageDecayOutsideTheOpenUnitInterval() throws Exception {
    for (String decay : new String[] {"1", "0", "-0.5"}) {
      ConfigCommandTest.Run run = engram("meta-train", "--config", tinyConfig().toString(), "--iterations", "1",
          "--batch", "1", "--out", dir.resolve("bad").toString(), "--average-weights", decay);
      assertEquals(2, run.status(), decay + ": " + run.err());
      assertTrue(run.err().contains("--average-weights needs a decay in (0, 1)"), run.err());
      assertTrue(Files.notExists(dir.resolve("bad").resolve("bundle.npz")), "nothing written");
    }
  }

  @Test
  void theProgressBarShowsRateAndTimeLeft() {
    MetaTrainCommand.ProgressBar bar = new MetaTrainCommand.ProgressBar(new PrintWriter(new StringWriter()));
    bar.update(1, 100, 0.5, 2.0);
    String line = bar.line(11, 100, 0.25, 22.0);
    assertTrue(line.startsWith("[###......"), line);
    assertTrue(line.contains("11/100  loss 0.2500  2.00 s/it  ETA 0:02:58"), line);
  }
}
