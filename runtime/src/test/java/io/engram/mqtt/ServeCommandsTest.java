package io.engram.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.bridge.emulation.EmulatedArm;
import io.engram.config.BundleConfig;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandRouter;
import io.engram.remote.ServeCommands;
import io.engram.session.LearningSetup;
import io.engram.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command-driven session ({@code engram run --serve}) on the emulated ED-Scorbot, natural
 * e-prop with a small bundle, against the embedded broker: adapt and run answered with their
 * figures, malformed adapts and commands in the wrong state refused precisely, stop ending a
 * motion, and a delivered bundle taking over at the next adaptation while a tampered one is
 * refused.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ServeCommandsTest {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommandsTest.class);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ROBOT = "serve-1";
  private static final String P = "engram/" + ROBOT;

  @TempDir Path dir;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private RemoteFixture fx;
  private Session session;
  private BundleExchange bundles;
  private ServeCommands serve;
  private OutsideClient out;
  private byte[] initialBundle;

  @BeforeEach
  void open() throws Exception {
    fx = new RemoteFixture();
    initialBundle = fx.bundleBytes(1);
    Path bundleFile = dir.resolve("initial.npz");
    Files.write(bundleFile, initialBundle);
    EngramConfig c = fx.config;
    LearningConfig l = c.learning();
    // A loaded test machine must not look like a dead sensor (the firmware runs in this JVM).
    EngramConfig config = c.withLearning(new LearningConfig(LearningRule.NATURAL_EPROP, l.eta(),
            l.updateQuantum(), l.readout(), l.eprop()))
        .withBundle(new BundleConfig(Optional.of(bundleFile), c.bundle().seed(),
            c.bundle().initialRateHz()))
        .withControl(c.control().withSensorTimeout(Duration.ofMillis(250)));
    session = Session.open(config, LearningSetup.of(config));
    closing.add(session);
    EmbeddedBroker broker = EmbeddedBroker.start();
    closing.add(broker);
    bundles = new BundleExchange(config, true, 32L * 1024 * 1024);
    bundles.active(initialBundle);
    CommandRouter router = fx.router();
    MqttBridge bridge = new MqttBridge(fx.mqtt(broker.uri(), ROBOT), ROBOT, fx.jointNames(),
        router, bundles);
    closing.add(bridge);
    serve = new ServeCommands(session, bridge, bundles);
    closing.add(serve);
    serve.attach(router);
    out = new OutsideClient(broker.uri(), P + "/#");
    closing.add(out);
    bridge.start();
    serve.ready("test session");
    out.await(r -> r.topic().equals(P + "/status") && state(r).equals("idle"), WAIT);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private static String state(OutsideClient.Received r) {
    return r.json().path("state").asText();
  }

  private JsonNode command(String name, String json) throws Exception {
    out.publish(P + "/cmd/" + name, json);
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("id").asText();
    return out.ack(P, id, WAIT);
  }

  private static void assertRefused(JsonNode ack, String code, String inMessage) {
    assertFalse(ack.get("ok").asBoolean(), ack.toString());
    assertEquals(code, ack.at("/error/code").asText(), ack.toString());
    assertTrue(ack.at("/error/message").asText().contains(inMessage), ack.toString());
  }

  private void awaitStatus(String state) throws InterruptedException {
    out.await(r -> r.topic().equals(P + "/status") && state(r).equals(state), WAIT);
  }

  /** Adapts to a sampled task, then asks for 20 trials of it and waits until the arm moves. */
  private void startLongRun(String id) throws Exception {
    assertTrue(command("adapt", "{\"id\":\"a1\",\"target\":{\"task\":{\"seed\":3}}}")
        .get("ok").asBoolean());
    out.publish(P + "/cmd/run", "{\"id\":\"" + id + "\",\"trials\":20}");
    awaitStatus("running");
    out.await(r -> r.topic().equals(P + "/telemetry/joints"), WAIT);
  }

  private static double mean(JsonNode values) {
    double sum = 0;
    for (JsonNode v : values) {
      sum += v.asDouble();
    }
    return sum / values.size();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void adaptThenRunOnTheArmAndRefuseWhatDoesNotFit() throws Exception {
    DocumentedSchemas schemas = DocumentedSchemas.read();
    assertRefused(command("run", "{\"id\":\"too-early\"}"), "not_learned", "nothing learned");
    JsonNode idleStop = command("stop", "{\"id\":\"idle-stop\"}");
    assertTrue(idleStop.get("ok").asBoolean(), idleStop.toString());
    assertFalse(idleStop.at("/result/stopped").asBoolean(), idleStop.toString());

    // Malformed adapts: each refused with what was wrong, nothing learned.
    String row = "[0.1,0.2]";
    assertRefused(command("adapt", "{\"id\":\"m1\",\"target\":{\"omega\":[" + row + "]}}"),
        "invalid_argument", "'target.omega' has 1 rows, expected 249");
    String rows = String.join(",", java.util.Collections.nCopies(248, row));
    assertRefused(command("adapt", "{\"id\":\"m2\",\"target\":{\"omega\":[" + rows
        + ",[0.1,\"x\"]]}}"), "invalid_argument", "'target.omega[248][1]' must be a finite number");
    assertRefused(command("adapt", "{\"id\":\"m3\",\"target\":{\"omega\":[" + rows
        + ",[0.1,0.2,0.3]]}}"), "invalid_argument", "'target.omega[248]' must be an array of 2");
    assertRefused(command("adapt", "{\"id\":\"m4\",\"target\":{\"omega\":[" + rows
        + ",[0.1,9.0]]}}"), "invalid_argument", "exceeds the task limit");
    assertRefused(command("adapt", "{\"id\":\"m5\",\"target\":{\"task\":{\"seed\":1},"
        + "\"omega\":[]}}"), "invalid_argument", "exactly one of 'omega'");
    assertRefused(command("adapt", "{\"id\":\"m6\",\"target\":{\"task\":{\"seed\":1,\"index\":-1}}}"),
        "invalid_argument", "'target.task.index' must be an integer from 0");
    assertRefused(command("adapt", "{\"id\":\"m7\",\"target\":{\"task\":{\"seed\":\"one\"}}}"),
        "invalid_argument", "'target.task.seed' must be an integer");
    assertRefused(command("adapt", "{\"id\":\"m8\"}"), "invalid_argument", "missing key 'target'");
    out.publish(P + "/cmd/adapt", "{\"id\":\"m9\",\"target\":");
    JsonNode notJson = out.await(r -> r.topic().equals(P + "/cmd/ack")
        && r.json().path("error").path("code").asText().equals("malformed"), WAIT).json();
    assertTrue(notJson.at("/error/message").asText().startsWith("payload is not JSON"), notJson.toString());
    assertTrue(serve.learned().isEmpty(), "a refused adapt must not learn");

    // Adapt to task 2 sampled with seed 7: status adapting, then idle; the ack with the figures.
    long published = System.nanoTime();
    out.publish(P + "/cmd/adapt", "{\"id\":\"a1\",\"target\":{\"task\":{\"seed\":7,\"index\":2}}}");
    JsonNode adapted = out.ack(P, "a1", WAIT);
    long acked = System.nanoTime();
    assertTrue(adapted.get("ok").asBoolean(), adapted.toString());
    JsonNode a = adapted.get("result");
    // (Random meta-parameters: the figures are real, not necessarily an improvement.)
    assertTrue(Double.isFinite(a.get("error_after_cm").asDouble()) && a.get("error_before_cm").asDouble() > 0,
        a.toString());
    assertTrue(a.get("devices_programmed").asLong() > 0, a.toString());
    assertEquals(sha256(initialBundle), a.get("bundle_sha256").asText());
    assertEquals("natural-eprop", a.get("rule").asText());
    assertEquals(fx.tasks.sample(3, 7).get(2).xyz()[300],
        serve.learned().orElseThrow().outcome().task().xyz()[300], "the sampled task is task 2 of seed 7");
    JsonNode learning = out.await(r -> r.topic().equals(P + "/telemetry/learning")
        && "a1".equals(r.json().path("request_id").asText()), WAIT).json();
    assertEquals(a.get("error_after_cm").asDouble(), learning.get("error_after_cm").asDouble());
    assertEquals(List.of(), schemas.problems("telemetry/learning", learning));
    List<JsonNode> rates = new ArrayList<>();
    for (String trial : List.of("before-adaptation", "after-adaptation")) {
      JsonNode n = out.await(r -> r.topic().equals(P + "/telemetry/network")
          && r.json().path("trial").asText().equals(trial), WAIT).json();
      assertEquals("trainee", n.get("network").asText());
      assertEquals(fx.layout.trainee().neurons(), n.get("rates_hz").size(), n.toString());
      assertEquals(List.of(), schemas.problems("telemetry/network", n));
      rates.add(n);
    }
    assertEquals(rates.get(1).get("mean_rate_hz").asDouble(), mean(rates.get(1).get("rates_hz")), 1e-9);
    JsonNode lsg = out.await(r -> r.topic().equals(P + "/telemetry/network")
        && r.json().path("network").asText().equals("lsg"), WAIT).json();
    assertEquals(fx.layout.lsg().neurons(), lsg.get("rates_hz").size(), lsg.toString());
    assertEquals(lsg.get("mean_rate_hz").asDouble(), mean(lsg.get("rates_hz")), 1e-9);
    assertEquals(List.of(), schemas.problems("telemetry/network", lsg));
    awaitStatus("adapting");
    awaitStatus("idle");

    // Run: status running; an adapt and a second run meanwhile are busy; the arm moves and ends
    // disabled, the status idle.
    EmulatedArm arm = session.connection().emulator().arm();
    out.publish(P + "/cmd/run", "{\"id\":\"r1\"}");
    awaitStatus("running");
    assertRefused(command("adapt", "{\"id\":\"a2\",\"target\":{\"task\":{\"seed\":7,\"index\":3}}}"),
        "busy", "running (request r1)");
    assertRefused(command("run", "{\"id\":\"r2\"}"), "busy", "send stop");
    assertRefused(command("reset", "{\"id\":\"x1\"}"), "busy", "running");
    JsonNode ran = out.ack(P, "r1", WAIT);
    assertTrue(ran.get("ok").asBoolean(), ran.toString());
    assertTrue(ran.at("/result/periods_performed").asInt() > 100, ran.toString());
    assertEquals("disabled", ran.at("/result/motors").asText());
    assertEquals("a1", ran.at("/result/learned_by").asText());
    assertFalse(arm.anyEnabled(), "the arm ends disabled");
    awaitStatus("idle");
    boolean moved = false;
    for (OutsideClient.Received r : out.drainAll()) {
      if (r.topic().equals(P + "/telemetry/joints")) {
        for (JsonNode sample : r.json().get("command_rad_s")) {
          moved |= Math.abs(sample.get(0).asDouble()) > 1e-3 || Math.abs(sample.get(1).asDouble()) > 1e-3;
        }
      }
      if (r.topic().startsWith(P + "/telemetry/") || r.topic().equals(P + "/status")
          || r.topic().equals(P + "/cmd/ack")) {
        assertEquals(List.of(), schemas.problems(r.topic().substring(P.length() + 1), r.json()),
            r.topic() + ": " + new String(r.payload()));
      }
    }
    assertTrue(moved, "joint telemetry shows the commanded motion");
    LOG.info(String.format(Locale.ROOT, "FIGURE adapt (natural e-prop, trainee %d neurons):"
        + " publish -> ack %.0f ms, inner loop %.0f ms", fx.layout.trainee().neurons(),
        (acked - published) / 1e6, a.get("duration_s").asDouble() * 1e3));
  }

  @Test
  void stopEndsTheMotionAndAnEstopRefusesTheNextRun() throws Exception {
    startLongRun("long");
    JsonNode stopped = command("stop", "{\"id\":\"s1\"}");
    assertTrue(stopped.get("ok").asBoolean(), stopped.toString());
    assertTrue(stopped.at("/result/stopped").asBoolean(), stopped.toString());
    assertEquals("disabled", stopped.at("/result/motors").asText());
    assertRefused(out.ack(P, "long", WAIT), "stopped", "ended by stop request s1");
    assertFalse(session.connection().emulator().arm().anyEnabled());
    awaitStatus("idle");

    assertTrue(command("estop", "{\"id\":\"e1\"}").get("ok").asBoolean());
    awaitStatus("estop");
    assertRefused(command("run", "{\"id\":\"r-latched\"}"), "refused", "e-stop is latched");
    assertRefused(command("adapt", "{\"id\":\"a-latched\",\"target\":{\"task\":{\"seed\":3}}}"),
        "refused", "send reset");
    assertTrue(command("reset", "{\"id\":\"x1\"}").get("ok").asBoolean());
    awaitStatus("idle");
    JsonNode again = command("run", "{\"id\":\"r-again\"}");
    assertTrue(again.get("ok").asBoolean(), again.toString());
  }

  @Test
  void aFaultDuringARunIsReportedAndResetClearsIt() throws Exception {
    startLongRun("r1");
    // The arm's link goes silent: the sensor goes stale and the arm stops itself.
    session.connection().emulator().faults().silence(true);
    JsonNode failed = out.ack(P, "r1", WAIT);
    assertRefused(failed, "failed", "the motion stopped: ");
    assertFalse(session.connection().emulator().arm().anyEnabled());
    JsonNode fault = out.await(r -> r.topic().equals(P + "/status") && state(r).equals("fault"),
        WAIT).json();
    assertTrue(fault.get("detail").asText().contains("motors disabled"), fault.toString());
    assertRefused(command("run", "{\"id\":\"r2\"}"), "refused", "stopped on a fault");

    session.connection().emulator().faults().silence(false);
    JsonNode reset = command("reset", "{\"id\":\"x1\"}");
    assertTrue(reset.get("ok").asBoolean(), reset.toString());
    assertTrue(reset.at("/result/cleared_fault").asText().startsWith("the motion stopped"), reset.toString());
    awaitStatus("idle");
    JsonNode again = command("run", "{\"id\":\"r3\"}");
    assertTrue(again.get("ok").asBoolean(), again.toString());
  }

  @Test
  void aDeliveredBundleTakesOverAtTheNextAdaptAndATamperedOneIsRefused() throws Exception {
    String initial = sha256(initialBundle);
    JsonNode first = command("adapt", "{\"id\":\"a1\",\"target\":{\"task\":{\"seed\":5}}}");
    assertEquals(initial, first.at("/result/bundle_sha256").asText(), first.toString());

    byte[] next = fx.bundleBytes(2);
    String nextSha = sha256(next);
    assertNotEquals(initial, nextSha);
    out.publish(P + "/meta/bundle", next);
    JsonNode delivered = out.ack(P, "sha256:" + nextSha, WAIT);
    assertTrue(delivered.get("ok").asBoolean(), delivered.toString());
    JsonNode pending = out.await(r -> r.topic().equals(P + "/status")
        && r.json().path("bundle_pending").asBoolean(), WAIT).json();
    assertEquals(initial, pending.get("bundle_sha256").asText());

    JsonNode second = command("adapt", "{\"id\":\"a2\",\"target\":{\"task\":{\"seed\":5}}}");
    assertTrue(second.get("ok").asBoolean(), second.toString());
    assertEquals(nextSha, second.at("/result/bundle_sha256").asText(), second.toString());
    JsonNode learning = out.await(r -> r.topic().equals(P + "/telemetry/learning")
        && "a2".equals(r.json().path("request_id").asText()), WAIT).json();
    assertEquals(nextSha, learning.get("bundle_sha256").asText());
    assertNotEquals(first.at("/result/error_before_cm").asDouble(),
        second.at("/result/error_before_cm").asDouble(),
        "the same target from other initial weights starts from another error");

    byte[] tampered = flipOneMatrixByte(fx.bundleBytes(3));
    out.publish(P + "/meta/bundle", tampered);
    JsonNode refused = out.ack(P, "sha256:" + sha256(tampered), WAIT);
    assertRefused(refused, "invalid_bundle", "fails: manifest says SHA-256");
    assertFalse(bundles.hasPending());

    JsonNode third = command("adapt", "{\"id\":\"a3\",\"target\":{\"task\":{\"seed\":5}}}");
    assertTrue(third.get("ok").asBoolean(), third.toString());
    assertEquals(nextSha, third.at("/result/bundle_sha256").asText(), "the running bundle stays");
    assertEquals(second.at("/result/error_before_cm").asDouble(),
        third.at("/result/error_before_cm").asDouble(), 1e-9, "same bundle, same target, same start");
  }

  /** The bundle with one byte of its first matrix's data flipped, re-zipped with valid CRCs. */
  private static byte[] flipOneMatrixByte(byte[] npz) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean flipped = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(npz));
        ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = in.readAllBytes();
        if (!flipped && e.getName().endsWith(".npy") && !e.getName().contains("manifest")) {
          data[data.length - 3] ^= 0x01;
          flipped = true;
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(data);
        zip.closeEntry();
      }
    }
    assertTrue(flipped, "no matrix member found");
    return bytes.toByteArray();
  }
}
