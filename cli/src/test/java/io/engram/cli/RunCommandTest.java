package io.engram.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.cli.ConfigCommandTest.Run;
import io.engram.config.EngramConfig;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import io.engram.config.yaml.CalibrationWriter;
import io.engram.mqtt.MosquittoBroker;
import io.engram.mqtt.MosquittoClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The main job, on the emulated arm in process. */
class RunCommandTest {

  private static final Path SIM = Path.of(System.getProperty("engram.repo.root", ".."),
      "robot-config", "examples", "ed-scorbot-sim.yaml");

  @TempDir Path dir;

  @Test
  void learnsPerformsReportsAndDraws() throws Exception {
    Path png = dir.resolve("run.png");
    Run run = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--demo", "sample:1:4",
        "--plot", png.toString());
    assertEquals(0, run.status(), run.err() + run.out());
    String out = run.out();
    assertTrue(out.contains("rule readout, crossbar ideal"), out);
    assertTrue(out.contains("[1/1] readout wrote"), out);
    assertTrue(out.contains("completed"), out);
    assertTrue(out.contains("control loop: 249 periods of 10.0 ms"), out);
    assertTrue(out.contains("period ") && out.contains("latency "), out);
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
  }

  @Test
  void publishesStatusAndTelemetryOverMqtt() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir);
        MosquittoClients.Subscriber sub =
            new MosquittoClients.Subscriber(broker.port(), "engram/cli-arm/#")) {
      Run run = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--demo", "sample:1:4",
          "--plot", dir.resolve("run.png").toString(), "--mqtt", broker.uri(), "--robot-id", "cli-arm");
      assertEquals(0, run.status(), run.err() + run.out());
      assertTrue(run.out().contains("mqtt: " + broker.uri() + ", topics under engram/cli-arm/"),
          run.out());
      sub.await(l -> l.topic().equals("engram/cli-arm/status")
          && l.json().get("state").asText().equals("running"), 30_000);
      JsonNode learning = sub.awaitTopic("engram/cli-arm/telemetry/learning", 30_000).json();
      assertEquals("readout", learning.get("rule").asText());
      assertTrue(learning.get("error_after_cm").asDouble() < learning.get("error_before_cm").asDouble(),
          learning.toString());
      JsonNode joints = sub.awaitTopic("engram/cli-arm/telemetry/joints", 30_000).json();
      assertEquals(6, joints.get("joints").size());
      JsonNode last = sub.await(l -> l.topic().equals("engram/cli-arm/status")
          && l.json().get("state").asText().equals("offline"), 30_000).json();
      assertEquals("shut down", last.get("detail").asText());
    }
  }

  @Test
  void servesAdaptAndRunSentWithMosquittoPub() throws Exception {
    String p = "engram/cli-serve";
    try (MosquittoBroker broker = MosquittoBroker.start(dir);
        MosquittoClients.Subscriber sub = new MosquittoClients.Subscriber(broker.port(), p + "/#")) {
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new EngramCommand());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(out, true));
      RunCommand serving = cli.getSubcommands().get("run").getCommand();
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> status = thread.submit(() -> cli.execute("run", "--config", SIM.toString(),
            "--mqtt", broker.uri(), "--robot-id", "cli-serve", "--serve"));
        sub.await(l -> l.topic().equals(p + "/status") && l.json().get("state").asText().equals("idle"),
            60_000);
        assertTrue(out.toString().contains("serving: waiting for commands on " + p + "/cmd/"),
            out.toString());

        long published = System.nanoTime();
        MosquittoClients.publish(broker.port(), p + "/cmd/adapt",
            "{\"id\":\"a1\",\"target\":{\"task\":{\"seed\":4,\"index\":0}}}");
        JsonNode adapted = sub.await(l -> l.topic().equals(p + "/cmd/ack")
            && l.json().get("id").asText().equals("a1"), 60_000).json();
        long acked = System.nanoTime();
        assertTrue(adapted.get("ok").asBoolean(), adapted.toString());
        JsonNode a = adapted.get("result");
        assertEquals("readout", a.get("rule").asText());
        assertTrue(a.get("error_after_cm").asDouble() < a.get("error_before_cm").asDouble(), a.toString());
        assertTrue(a.get("bundle_sha256").isNull(), "weights drawn without a bundle: " + a);
        JsonNode learning = sub.await(l -> l.topic().equals(p + "/telemetry/learning")
            && l.json().get("request_id").asText().equals("a1"), 60_000).json();
        assertEquals(a.get("error_after_cm").asDouble(), learning.get("error_after_cm").asDouble());
        JsonNode after = sub.await(l -> l.topic().equals(p + "/telemetry/network")
            && l.json().get("trial").asText().equals("after-adaptation"), 60_000).json();
        assertEquals(EngramConfig.defaults().network().trainee().neurons(), after.get("rates_hz").size(),
            after.toString());

        MosquittoClients.publish(broker.port(), p + "/cmd/run", "{\"id\":\"r1\"}");
        JsonNode ran = sub.await(l -> l.topic().equals(p + "/cmd/ack")
            && l.json().get("id").asText().equals("r1"), 120_000).json();
        assertTrue(ran.get("ok").asBoolean(), ran.toString());
        assertEquals(249, ran.at("/result/periods_performed").asInt(), ran.toString());
        assertTrue(ran.at("/result/measured_error_cm").asDouble() < a.get("error_before_cm").asDouble(),
            ran.toString());
        JsonNode joints = sub.awaitTopic(p + "/telemetry/joints", 60_000).json();
        assertEquals(6, joints.get("joints").size());
        sub.await(l -> l.topic().equals(p + "/status") && l.json().get("state").asText().equals("running"),
            60_000);

        serving.endServing();
        assertEquals(0, status.get(60, TimeUnit.SECONDS), out.toString());
        JsonNode last = sub.await(l -> l.topic().equals(p + "/status")
            && l.json().get("state").asText().equals("offline"), 60_000).json();
        assertEquals("shut down", last.get("detail").asText());
        assertTrue(out.toString().contains("serving ended"), out.toString());
        LoggerFactory.getLogger(RunCommandTest.class).info(String.format(Locale.ROOT,
            "FIGURE engram run --serve (readout, trainee 100): mosquitto_pub adapt -> ack seen by"
                + " mosquitto_sub %.0f ms (inner loop %.0f ms)", (acked - published) / 1e6,
            a.get("duration_s").asDouble() * 1e3));
      } finally {
        thread.shutdownNow();
      }
    }
  }

  @Test
  void serveNeedsABroker() {
    Run run = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--serve");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--serve needs a broker"), run.err());
  }

  @Test
  void appliesACalibrationFileAndReportsOneForAnotherRobot() throws Exception {
    // The encoders of the emulated arm of ed-scorbot-sim-offset-encoders.yaml, as a joint
    // calibration finds them (CalibrateCommandTest).
    String arm = SIM.resolveSibling("ed-scorbot-sim-offset-encoders.yaml").toString();
    Path cal = dir.resolve("cal.yaml");
    CalibrationWriter.write(cal, Calibration.ofJoints("ed-scorbot-er7", new JointCalibration(
        Instant.now(), HomingMethod.LIMIT_SWITCH, List.of(
            new JointCorrection("base", 120, -1, 3.55, 40, 0),
            new JointCorrection("shoulder", -300, 1, 8.8247, 40, 0)))));
    Run run = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--emulated-arm", arm,
        "--calibration", cal.toString(), "--demo", "sample:1:4", "--plot",
        dir.resolve("run.png").toString());
    assertEquals(0, run.status(), run.err() + run.out());
    assertTrue(run.out().contains("calibration: " + cal + " applied (joints)"), run.out());
    assertTrue(!run.out().contains("WARNING"), run.out());

    Path other = dir.resolve("other.yaml");
    Files.writeString(other, Files.readString(cal).replace("robot-id: ed-scorbot-er7",
        "robot-id: other-arm"));
    Run warned = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--calibration",
        other.toString(), "--demo", "sample:1:4", "--plot", dir.resolve("other.png").toString());
    assertTrue(warned.out().contains("WARNING: calibration: calibration made for robot"
        + " 'other-arm', not for 'ed-scorbot-er7'"), warned.out());
  }

  @Test
  void refusesBadOptionsWithAClearMessage() {
    Run device = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--device", "flash");
    assertEquals(2, device.status());
    assertTrue(device.err().contains("--device: expected one of ideal|pcm|pcm-drift"), device.err());
    Run demo = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--demo", "sample:x");
    assertEquals(2, demo.status());
    assertTrue(demo.err().contains("expected sample:N:SEED"), demo.err());
    Run trials = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--trials", "0");
    assertEquals(2, trials.status());
    assertTrue(trials.err().contains("--trials must be >= 1"), trials.err());
    Run mqtt = ConfigCommandTest.engram("run", "--config", SIM.toString(), "--mqtt", "localhost:1883");
    assertEquals(2, mqtt.status());
    assertTrue(mqtt.err().contains("--mqtt:"), mqtt.err());
  }
}
