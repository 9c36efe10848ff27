package io.engram.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.crossbar.CrossbarArray;
import io.engram.crossbar.CrossbarParams;
import io.engram.pcm.DeviceClock;
import io.engram.pcm.PcmDeviceModel;
import io.engram.config.CrossbarPreset;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandName;
import io.engram.remote.CommandResult;
import io.engram.remote.CommandRouter;
import io.engram.remote.DeliveredBundle;
import io.engram.remote.ErrorCode;
import io.engram.telemetry.CrossbarHealth;
import io.engram.telemetry.LearningReport;
import io.engram.telemetry.LoopStats;
import io.engram.telemetry.NetworkActivity;
import io.engram.telemetry.RuntimeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The MQTT bridge against Moquette in the test JVM, with a Paho client as the outside world. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MqttBridgeTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ROBOT = "arm-7";
  private static final String P = "engram/" + ROBOT;

  private RemoteFixture fx;
  private EmbeddedBroker broker;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fx = new RemoteFixture();
    broker = EmbeddedBroker.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    broker.close();
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closing.add(c);
    return c;
  }

  private MqttBridge bridge(CommandRouter router, BundleExchange bundles) throws Exception {
    return closeLater(new MqttBridge(fx.mqtt(broker.uri(), ROBOT), ROBOT, fx.jointNames(), router,
        bundles)).start();
  }

  private OutsideClient outside() throws Exception {
    return closeLater(new OutsideClient(broker.uri(), P + "/#"));
  }

  private static void awaitConnected(MqttBridge b) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!b.connected()) {
      assertTrue(System.nanoTime() < deadline, "bridge did not connect");
      Thread.sleep(10);
    }
  }

  @Test
  void everyTopicCarriesItsDocumentedPayload() throws Exception {
    DocumentedSchemas schemas = DocumentedSchemas.read();
    OutsideClient out = outside();
    CommandRouter router = fx.router();
    List<String> handled = new CopyOnWriteArrayList<>();
    for (CommandName c : CommandName.values()) {
      router.register(c, cmd -> {
        handled.add(cmd.name().wireName() + ":" + cmd.id());
        return CommandResult.success(Map.of("state", "idle"));
      });
    }
    BundleExchange bundles = fx.bundles();
    MqttBridge bridge = bridge(router, bundles);
    awaitConnected(bridge);

    bridge.state(RuntimeState.IDLE, "ready");
    bridge.loopStats(() -> new LoopStats(1000, 10_000, 10_001, 10_020, 10_090, 10_300, 11_000, 2, 0));
    int n = fx.jointNames().size();
    double[] q = new double[n];
    double[] dq = new double[n];
    double[] cmd = new double[n];
    for (int i = 0; i < 20; i++) {
      q[0] = 0.01 * i;
      dq[1] = -0.5;
      cmd[0] = 0.2;
      bridge.joints(System.nanoTime(), q, dq, cmd);
      Thread.sleep(10);
    }
    bridge.network(NetworkActivity.fromSpikeCounts("trainee", "after-adaptation", new long[] {5, 0, 12}, 249, 1));
    bridge.learning(new LearningReport("a1", "natural-eprop", "0f".repeat(32), 41.2, 2.3, new double[] {0.04, 0.05},
        1200, 2400, 0.8));
    CrossbarArray array = new CrossbarArray(8, 4, CrossbarParams.chip(),
        PcmDeviceModel.of(CrossbarPreset.PCM_DRIFT), new DeviceClock(), null, 3);
    array.program(new double[32]);
    bridge.crossbar(CrossbarHealth.of(array));
    out.publish(P + "/cmd/estop", "{\"id\":\"e1\"}");
    out.publish(P + "/cmd/reset", "{\"id\":\"r1\"}");
    out.publish(P + "/cmd/adapt", fx.adaptJson("a1", 3));
    out.publish(P + "/cmd/run", "{\"id\":\"run1\",\"trials\":2}");
    out.publish(P + "/cmd/stop", "{\"id\":\"s1\"}");
    out.publish(P + "/meta/bundle", fx.bundleBytes(5));

    Set<String> topicsSeen = new HashSet<>();
    for (String suffix : List.of("status", "telemetry/joints", "telemetry/loop", "telemetry/network",
        "telemetry/learning", "telemetry/crossbar", "telemetry/mqtt")) {
      out.await(r -> r.topic().equals(P + "/" + suffix), WAIT);
    }
    for (String id : List.of("e1", "r1", "a1", "run1", "s1")) {
      JsonNode ack = out.ack(P, id, WAIT);
      assertTrue(ack.path("ok").asBoolean(), ack.toString());
    }
    JsonNode bundleAck = out.await(r -> r.topic().equals(P + "/cmd/ack")
        && r.json().path("command").asText().equals("bundle"), WAIT).json();
    assertTrue(bundleAck.path("ok").asBoolean(), bundleAck.toString());
    Thread.sleep(300);
    for (OutsideClient.Received r : out.drainAll()) {
      String suffix = r.topic().substring(P.length() + 1);
      if (suffix.equals("meta/bundle")) {
        continue;
      }
      topicsSeen.add(suffix);
      List<String> problems = schemas.problems(suffix, r.json());
      assertTrue(problems.isEmpty(), suffix + ": " + problems + " in " + r.json());
    }
    assertEquals(List.of("estop:e1", "reset:r1", "adapt:a1", "run:run1", "stop:s1"),
        handled.stream().sorted((a, b) -> order(a) - order(b)).toList());
    for (String documented : schemas.topics()) {
      if (!documented.startsWith("cmd/<")) {
        assertTrue(topicsSeen.contains(documented) || documented.equals("cmd/ack"),
            "no payload seen on documented topic " + documented + " (seen " + topicsSeen + ")");
      }
    }
    // Commands as clients write them validate against the documented command schema too.
    assertTrue(schemas.problems("cmd/run", new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree("{\"id\":\"run1\",\"trials\":2}")).isEmpty());
    assertTrue(schemas.problems("cmd/adapt", new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(fx.adaptJson("a2", 4))).isEmpty());
  }

  private static int order(String s) {
    return List.of("estop", "reset", "adapt", "run", "stop").indexOf(s.substring(0, s.indexOf(':')));
  }

  @Test
  void jointBatchesHoldTheSamplesTheLoopOffered() throws Exception {
    OutsideClient out = outside();
    MqttBridge bridge = bridge(fx.router(), fx.bundles());
    awaitConnected(bridge);
    int n = fx.jointNames().size();
    double[] q = new double[n];
    double[] zero = new double[n];
    // 100 Hz sample rate in the fixture: offers 20 ms apart are all kept.
    long t0 = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      q[1] = i * 0.1;
      bridge.joints(t0 + i * 20_000_000L, q, zero, zero);
    }
    List<Double> shoulder = new ArrayList<>();
    while (shoulder.size() < 10) {
      JsonNode batch = out.await(r -> r.topic().equals(P + "/telemetry/joints"), WAIT).json();
      assertEquals(fx.jointNames().get(1), batch.get("joints").get(1).asText());
      for (JsonNode row : batch.get("position_rad")) {
        assertEquals(n, row.size());
        shoulder.add(row.get(1).asDouble());
      }
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(i * 0.1, shoulder.get(i), 1e-12);
    }
  }

  @Test
  void malformedAndInvalidCommandsAreAnsweredPrecisely() throws Exception {
    OutsideClient out = outside();
    CommandRouter router = fx.router();
    AtomicInteger runs = new AtomicInteger();
    router.register(CommandName.RUN, c -> {
      runs.incrementAndGet();
      return CommandResult.success();
    });
    router.register(CommandName.STOP, c -> {
      throw new IllegalStateException("motors did not answer");
    });
    router.register(CommandName.ADAPT, c -> CommandResult.success(Map.of("steps", c.target().get().steps())));
    MqttBridge bridge = bridge(router, fx.bundles());
    awaitConnected(bridge);

    record Case(String topic, String payload, String code, String messagePart) {}
    List<Case> cases = List.of(
        new Case("run", "not json", "malformed", "not JSON"),
        new Case("run", "[1,2]", "malformed", "JSON object"),
        new Case("run", "{\"trials\":1}", "invalid_argument", "missing key 'id'"),
        new Case("run", "{\"id\":42}", "invalid_argument", "'id' must be a string"),
        new Case("run", "{\"id\":\"x1\",\"trails\":3}", "invalid_argument", "unknown key 'trails'"),
        new Case("run", "{\"id\":\"x2\",\"trials\":0}", "invalid_argument", "'trials' must be an integer"),
        new Case("run", "{\"id\":\"x3\",\"trials\":1.5}", "invalid_argument", "'trials' must be an integer"),
        new Case("adapt", "{\"id\":\"x4\"}", "invalid_argument", "missing key 'target'"),
        new Case("adapt", "{\"id\":\"x5\",\"target\":{\"omega\":[[0,0]]}}", "invalid_argument",
            "has 1 rows, expected 249"),
        new Case("adapt", fx.adaptJson("x6", 1).replaceFirst("\\[\\[[^\\]]*\\]", "[[0.1,\"fast\"]"),
            "invalid_argument", "'target.omega[0][1]' must be a finite number"),
        new Case("adapt", fx.adaptJson("x7", 1).replaceFirst("\\[\\[[^\\]]*\\]", "[[9.5,0]"),
            "invalid_argument", "exceeds the task limit"),
        new Case("jump", "{\"id\":\"x8\"}", "unknown_command", "no command 'jump'"),
        new Case("reset", "{\"id\":\"x9\"}", "unsupported", "does not accept 'reset'"),
        new Case("stop", "{\"id\":\"x10\"}", "failed", "motors did not answer"),
        new Case("run", "{\"id\":\"x11\",\"id\":\"x12\"}", "malformed", "Duplicate field"));
    for (Case c : cases) {
      out.publish(P + "/cmd/" + c.topic(), c.payload());
      JsonNode ack = out.await(r -> r.topic().equals(P + "/cmd/ack"), WAIT).json();
      assertFalse(ack.get("ok").asBoolean(), c + " -> " + ack);
      assertEquals(c.code(), ack.at("/error/code").asText(), c + " -> " + ack);
      assertTrue(ack.at("/error/message").asText().contains(c.messagePart()), c + " -> " + ack);
      assertEquals(c.topic(), ack.get("command").asText());
    }
    assertEquals(0, runs.get(), "no invalid command may run");

    out.publish(P + "/cmd/adapt", fx.adaptJson("good", 2));
    JsonNode adapted = out.ack(P, "good", WAIT);
    assertEquals(249, adapted.at("/result/steps").asInt(), adapted.toString());

    // A repeated request id runs once and is answered twice.
    out.publish(P + "/cmd/run", "{\"id\":\"once\"}");
    out.publish(P + "/cmd/run", "{\"id\":\"once\"}");
    assertTrue(out.ack(P, "once", WAIT).get("ok").asBoolean());
    assertTrue(out.ack(P, "once", WAIT).get("ok").asBoolean());
    assertEquals(1, runs.get());
  }

  @Test
  void aBundleIsSwappedInBetweenTrialsAndATamperedOneIsRefused() throws Exception {
    OutsideClient out = outside();
    BundleExchange bundles = fx.bundles();
    MqttBridge bridge = bridge(fx.router(), bundles);
    awaitConnected(bridge);

    byte[] good = fx.bundleBytes(11);
    out.publish(P + "/meta/bundle", good);
    String goodId = "sha256:" + sha256(good);
    JsonNode ack = out.ack(P, goodId, WAIT);
    assertTrue(ack.get("ok").asBoolean(), ack.toString());
    assertEquals(good.length, ack.at("/result/bytes").asInt());
    Optional<DeliveredBundle> taken = bundles.takePending();
    assertTrue(taken.isPresent());
    assertEquals(fx.layout.trainee().neurons(), taken.get().meta().traineeRecurrent().rows());
    assertEquals(Optional.of(sha256(good)), bundles.activeSha256());

    // Tampered: bytes flipped inside a member (the zip's CRC no longer matches).
    byte[] tampered = good.clone();
    for (int i = good.length / 2; i < good.length / 2 + 16; i++) {
      tampered[i] ^= 0x5a;
    }
    // Truncated, and a bundle for other network sizes.
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 3);
    byte[] wrongShape = new RemoteFixture(7).bundleBytes(1);
    byte[] withoutManifest = fx.bundleBytes(12, false);
    for (byte[] bad : List.of(tampered, truncated, wrongShape, withoutManifest, "hello".getBytes())) {
      out.publish(P + "/meta/bundle", bad);
      JsonNode refused = out.ack(P, "sha256:" + sha256(bad), WAIT);
      assertFalse(refused.get("ok").asBoolean(), refused.toString());
      assertEquals("invalid_bundle", refused.at("/error/code").asText());
      assertFalse(refused.at("/error/message").asText().contains("/tmp"), refused.toString());
      assertFalse(bundles.hasPending(), "a refused bundle must never become pending");
      assertEquals(Optional.of(sha256(good)), bundles.activeSha256(), "the running bundle stays");
    }
    out.publish(P + "/meta/bundle", wrongShape);
    JsonNode again = out.ack(P, "sha256:" + sha256(wrongShape), WAIT);
    assertTrue(again.at("/error/message").asText().contains("neurons"), again.toString());
    out.publish(P + "/meta/bundle", withoutManifest);
    JsonNode unsigned = out.ack(P, "sha256:" + sha256(withoutManifest), WAIT);
    assertTrue(unsigned.at("/error/message").asText().contains("manifest"), unsigned.toString());
  }

  @Test
  void anOversizedBundleIsRefusedBeforeItIsRead() throws Exception {
    OutsideClient out = outside();
    BundleExchange small = new BundleExchange(fx.config, true, 1024);
    awaitConnected(bridge(fx.router(), small));
    byte[] big = fx.bundleBytes(1);
    out.publish(P + "/meta/bundle", big);
    JsonNode ack = out.ack(P, "sha256:" + sha256(big), WAIT);
    assertEquals("invalid_bundle", ack.at("/error/code").asText());
    assertTrue(ack.at("/error/message").asText().contains("exceeds the limit of 1024"), ack.toString());
  }

  @Test
  void withoutAuthenticationOnlyTheEstopIsAccepted() throws Exception {
    OutsideClient out = outside();
    CommandRouter router = fx.router();
    AtomicInteger estops = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    router.register(CommandName.ESTOP, c -> {
      estops.incrementAndGet();
      return CommandResult.success();
    });
    router.register(CommandName.RUN, c -> {
      runs.incrementAndGet();
      return CommandResult.success();
    });
    var base = fx.mqtt(broker.uri(), ROBOT);
    var strict = new io.engram.config.MqttConfig(true, base.brokerUri(), base.clientId(),
        base.topicPrefix(), 1, base.keepAlive(), base.connectTimeout(), base.tls(),
        base.credentialsFile(), true, base.reconnectMaxBackoff(), base.bundleMaxBytes(), base.telemetry());
    MqttBridge bridge = closeLater(new MqttBridge(strict, ROBOT, fx.jointNames(), router, fx.bundles())).start();
    awaitConnected(bridge);
    assertFalse(bridge.commandsAccepted());
    JsonNode status = out.await(r -> r.topic().equals(P + "/status"), WAIT).json();
    assertEquals("estop-only", status.get("commands").asText());
    out.publish(P + "/cmd/run", "{\"id\":\"r\"}");
    out.publish(P + "/meta/bundle", fx.bundleBytes(2));
    out.publish(P + "/cmd/estop", "{\"id\":\"e\"}");
    assertTrue(out.ack(P, "e", WAIT).get("ok").asBoolean());
    Thread.sleep(300);
    assertEquals(1, estops.get());
    assertEquals(0, runs.get(), "run must be refused on an unauthenticated connection");
    assertTrue(out.drainAll().stream().noneMatch(r -> r.topic().equals(P + "/cmd/ack")
        && r.json().path("command").asText().matches("run|bundle")),
        "the runtime must not even subscribe to refused topics");
  }

  @Test
  void withoutABrokerNothingWaitsAndDropsAreCountedThenTelemetryResumes() throws Exception {
    int port = broker.port();
    broker.stop();
    MqttBridge bridge = bridge(fx.router(), fx.bundles());
    int n = fx.jointNames().size();
    double[] v = new double[n];
    long worst = 0;
    for (int i = 0; i < 2000; i++) {
      long t = System.nanoTime();
      bridge.joints(t, v, v, v);
      bridge.network(new NetworkActivity("trainee", "after-adaptation", 10, new double[] {10}));
      worst = Math.max(worst, System.nanoTime() - t);
      if (i % 100 == 0) {
        Thread.sleep(10);
      }
    }
    assertFalse(bridge.connected());
    MqttBridge.Counters dead = bridge.counters();
    assertTrue(dead.droppedQueueFull() > 0, dead.toString());
    assertEquals(0, dead.published(), dead.toString());

    broker = EmbeddedBroker.start(port);
    OutsideClient out = outside();
    awaitConnected(bridge);
    // What was queued while the broker was gone goes out first; fresh telemetry follows.
    JsonNode resumed = null;
    for (int i = 0; resumed == null && i < 300; i++) {
      bridge.network(new NetworkActivity("trainee", "after-adaptation", 10, new double[] {10}));
      try {
        resumed = out.await(r -> r.topic().equals(P + "/telemetry/network")
            && r.json().get("trial").asText().equals("after-adaptation"), Duration.ofMillis(100)).json();
      } catch (AssertionError notYet) {
        // keep offering
      }
    }
    assertNotNull(resumed, "telemetry did not resume after the broker came back");
    assertEquals("trainee", resumed.get("network").asText());
    JsonNode counters = out.await(r -> r.topic().equals(P + "/telemetry/mqtt"), WAIT).json();
    assertTrue(counters.get("dropped_queue_full").asLong() >= dead.droppedQueueFull(), counters.toString());
    assertTrue(counters.get("connects").asLong() >= 1);
  }

  static String sha256(byte[] b) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
