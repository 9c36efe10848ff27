package io.engram.cli;

import static io.engram.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.npy.NpzArchive;
import io.engram.testing.SharedReference;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {

  @TempDir Path dir;

  @Test
  void reproducesTheGoldenTasksAndWritesJsonAndAPlot() throws Exception {
    Path meta = SharedReference.metaBundle();
    Path golden = SharedReference.goldenTasks();
    Path json = dir.resolve("r.json");
    Path png = dir.resolve("r.png");
    String[] io =
        run(0, "reproduce", "--meta", meta.toString(), "--tasks", golden.toString(), "--threads", "2",
            "--out", json.toString(), "--plot", png.toString(), "--plot-tasks", "2");
    assertTrue(io[0].contains("non-clipped"), io[0]);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    NpzArchive g = NpzArchive.read(golden);
    JsonNode perTask = root.get("per_task");
    assertEquals(6, perTask.size());
    for (int i = 0; i < 6; i++) {
      JsonNode t = perTask.get(i);
      for (String key :
          new String[] {"ee_before_cm", "ee_after_cm", "rmse_before", "rmse_after", "clipped", "rate_before_hz", "rate_after_hz"}) {
        assertNotNull(t.get(key), "per-task key " + key);
      }
      assertEquals(g.array("ee_after_cm").get(i), t.get("ee_after_cm").asDouble(), 1e-5);
      assertEquals(g.array("rmse_after").get(2 * i + 1), t.get("rmse_after").get(1).asDouble(), 1e-6);
      assertEquals(g.array("clipped").toBooleans()[i], t.get("clipped").asBoolean());
    }
    assertEquals(4, root.get("summary").get("non_clipped").get("tasks").asInt());
    assertEquals(6, root.get("summary").get("all").get("tasks").asInt());

    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "a readable PNG");
    assertEquals(2 * 420, image.getHeight(), "two tasks, one row each");
    assertEquals(2 * 560, image.getWidth(), "top and side views");
  }

  @Test
  void theQuantumKeepsTheKeysAndReportsTheRoundedUpdate() throws Exception {
    Path json = dir.resolve("q.json");
    run(0, "reproduce", "--meta", SharedReference.metaBundle().toString(), "--tasks",
        SharedReference.goldenTasks().toString(), "--quantum", "0.0625", "--threads", "1", "--out", json.toString());
    JsonNode t = new ObjectMapper().readTree(json.toFile()).get("per_task").get(0);
    NpzArchive g = NpzArchive.read(SharedReference.goldenTasks());
    assertEquals(g.array("ee_after_q16_cm").get(0), t.get("ee_after_cm").asDouble(), 1e-5);
  }

  @Test
  void sampledTasksAreDeterministic() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    String meta = SharedReference.metaBundle().toString();
    run(0, "reproduce", "--meta", meta, "--tasks", "sample:3:5", "--threads", "1", "--out", a.toString());
    run(0, "reproduce", "--meta", meta, "--tasks", "sample:3:5", "--threads", "3", "--out", b.toString());
    ObjectMapper m = new ObjectMapper();
    assertEquals(
        m.readTree(a.toFile()).get("summary").get("all"), m.readTree(b.toFile()).get("summary").get("all"));
  }

  @Test
  void theCrossbarOptionsRunTheTraineeOnTheEmulatedChip() throws Exception {
    Path one = dir.resolve("one.json");
    Path two = dir.resolve("two.json");
    String meta = SharedReference.metaBundle().toString();
    String golden = SharedReference.goldenTasks().toString();
    String[] device = {"--device", "pcm-drift", "--compensation", "column", "--fault-rate", "0.001",
        "--fault-scan", "--verify-pulses", "3", "--seed", "3", "--read-noise", "fast"};
    String[] io = run(0, concat(new String[] {"reproduce", "--meta", meta, "--tasks", golden,
        "--threads", "1", "--out", one.toString()}, device));
    assertTrue(io[0].contains("crossbar: pcm-drift"), io[0]);
    run(0, concat(new String[] {"reproduce", "--meta", meta, "--tasks", golden, "--threads", "2",
        "--out", two.toString()}, device));
    ObjectMapper m = new ObjectMapper();
    JsonNode a = m.readTree(one.toFile());
    JsonNode d = a.get("device");
    assertEquals("pcm-drift", d.get("preset").asText());
    assertEquals(3600, d.get("t_inference_s").asDouble());
    assertEquals("per-column", d.get("drift_compensation").asText());
    assertEquals(0.0005, d.get("stuck_set_rate").asDouble());
    assertEquals("fast", d.get("read_noise_mode").asText());
    assertTrue(d.get("fault_scan").asBoolean());
    assertEquals(3, d.get("verify_pulses").asInt());
    assertTrue(d.get("mean_devices_written").asDouble() > 1000);
    // Each task draws its own noise streams: the thread count changes nothing.
    assertEquals(a.get("per_task").findValues("ee_after_cm"),
        m.readTree(two.toFile()).get("per_task").findValues("ee_after_cm"));
    // The device effects change the outcome of the float reference.
    NpzArchive g = NpzArchive.read(SharedReference.goldenTasks());
    double diff = 0;
    for (int i = 0; i < 6; i++) {
      diff += Math.abs(a.get("per_task").get(i).get("ee_after_cm").asDouble() - g.array("ee_after_cm").get(i));
    }
    assertTrue(diff > 0.5, "device effects change the errors by " + diff + " cm in total");
  }

  @Test
  void crossbarOptionsNeedADevice() throws Exception {
    String meta = SharedReference.metaBundle().toString();
    String[] io = run(2, "reproduce", "--meta", meta, "--tasks", "sample:1:1", "--compensation", "global");
    assertTrue(io[1].contains("need --device"), io[1]);
    io = run(2, "reproduce", "--meta", meta, "--tasks", "sample:1:1", "--device", "reram");
    assertTrue(io[1].contains("ideal|pcm|pcm-drift"), io[1]);
    io = run(2, "reproduce", "--meta", meta, "--tasks", "sample:1:1", "--device", "pcm", "--fault-rate", "2");
    assertTrue(io[1].contains("--fault-rate must lie in [0, 1]"), io[1]);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void badInputGetsAClearOneLineError() throws Exception {
    Path junk = dir.resolve("junk.npz");
    Files.writeString(junk, "not a bundle");
    String[] io = run(1, "reproduce", "--meta", junk.toString(), "--tasks", "sample:1:1");
    assertTrue(io[1].startsWith("engram reproduce: unreadable bundle"), io[1]);
    assertTrue(!io[1].contains("\tat "), "no stack trace");
    io = run(1, "reproduce", "--meta", dir.resolve("absent.npz").toString(), "--tasks", "sample:1:1");
    assertTrue(io[1].contains("absent.npz"), io[1]);
    io = run(2, "reproduce", "--meta", junk.toString(), "--tasks", "sample:x");
    assertTrue(io[1].contains("sample:N:SEED"), io[1]);
    assertNotEquals("", run(2, "reproduce")[1]);
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "task:\n  smoothing-window: -3\n");
    io = run(1, "reproduce", "--config", config.toString(), "--meta", junk.toString(), "--tasks", "sample:1:1");
    assertTrue(io[1].contains("bad.yaml"), io[1]);
  }

  @Test
  void bundleInitFeedsTheRulesThatNeedNoLsg() throws Exception {
    Path bundle = dir.resolve("init.npz");
    String[] init = run(0, "bundle", "init", "--seed", "5", "--out", bundle.toString());
    assertTrue(init[0].contains("seed 5"), init[0]);
    NpzArchive npz = NpzArchive.read(bundle);
    assertTrue(npz.contains("W_rec_trainee"));
    assertTrue(!npz.contains("W_in_lsg"), "no LSG in a random initial bundle");

    Path json = dir.resolve("readout.json");
    run(0, "reproduce", "--meta", bundle.toString(), "--tasks", "sample:2:3", "--rule", "readout",
        "--threads", "1", "--out", json.toString());
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertEquals("readout", r.get("rule").asText());
    double before = r.at("/summary/all/ee_before_cm").asDouble();
    double after = r.at("/summary/all/ee_after_cm").asDouble();
    assertTrue(after < before, "readout learns: " + before + " -> " + after);

    Path json2 = dir.resolve("eprop.json");
    run(0, "reproduce", "--meta", bundle.toString(), "--tasks", "sample:2:3", "--rule", "eprop",
        "--trials", "3", "--threads", "1", "--out", json2.toString());
    JsonNode e = new ObjectMapper().readTree(json2.toFile());
    assertEquals("eprop", e.get("rule").asText());

    String[] noLsg = run(1, "reproduce", "--meta", bundle.toString(), "--tasks", "sample:1:1",
        "--rule", "natural-eprop");
    assertTrue(noLsg[1].contains("W_in_lsg"), noLsg[1]);
    String[] badRule = run(2, "reproduce", "--meta", bundle.toString(), "--tasks", "sample:1:1",
        "--rule", "hebb");
    assertTrue(badRule[1].contains("natural-eprop|readout|eprop"), badRule[1]);
    run(2, "reproduce", "--meta", bundle.toString(), "--tasks", "sample:1:1", "--rule", "eprop",
        "--trials", "0");
  }
}
