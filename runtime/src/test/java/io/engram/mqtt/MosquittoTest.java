package io.engram.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.config.MqttConfig;
import io.engram.config.TlsConfig;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandName;
import io.engram.remote.CommandResult;
import io.engram.remote.CommandRouter;
import io.engram.telemetry.LoopStats;
import io.engram.telemetry.RuntimeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT bridge against Debian's mosquitto, with mosquitto_sub and mosquitto_pub outside. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MosquittoTest {

  private static final long WAIT_MS = 30_000;
  private static final String ROBOT = "arm-9";
  private static final String P = "engram/" + ROBOT;

  @TempDir Path dir;
  private RemoteFixture fx;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void fixture() throws Exception {
    MosquittoBroker.require("mosquitto");
    MosquittoBroker.require("mosquitto_sub");
    MosquittoBroker.require("mosquitto_pub");
    fx = new RemoteFixture();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private <T extends AutoCloseable> T later(T c) {
    closing.add(c);
    return c;
  }

  @Test
  void topicsPayloadsCommandsAndBundlesThroughMosquittoClients() throws Exception {
    MosquittoBroker broker = later(MosquittoBroker.start(dir));
    DocumentedSchemas schemas = DocumentedSchemas.read();
    MosquittoClients.Subscriber sub = later(new MosquittoClients.Subscriber(broker.port(), P + "/#"));
    CommandRouter router = fx.router();
    AtomicInteger estops = new AtomicInteger();
    router.register(CommandName.ESTOP, c -> {
      estops.incrementAndGet();
      return CommandResult.success();
    });
    // A command left retained reaches the runtime when it subscribes: refused, so that it cannot
    // run again on every reconnection.
    MosquittoClients.publish(broker.port(), P + "/cmd/run", List.of("-m", "{\"id\":\"kept\"}"), "-r");
    BundleExchange bundles = fx.bundles();
    MqttBridge bridge = later(new MqttBridge(fx.mqtt(broker.uri(), ROBOT), ROBOT, fx.jointNames(),
        router, bundles)).start();
    JsonNode retained = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().path("command").asText().equals("run"), WAIT_MS).json();
    assertEquals("refused", retained.at("/error/code").asText(), retained.toString());
    assertTrue(retained.at("/error/message").asText().contains("retained"), retained.toString());
    MosquittoClients.publish(broker.port(), P + "/cmd/run", List.of("-n"), "-r");
    bridge.state(RuntimeState.IDLE, "ready");
    bridge.loopStats(() -> new LoopStats(10, 10_000, 10_000, 10_010, 10_050, 10_100, 10_200, 0, 0));
    JsonNode status = sub.await(l -> l.topic().equals(P + "/status")
        && l.json().get("state").asText().equals("idle"), WAIT_MS).json();
    assertTrue(schemas.problems("status", status).isEmpty(), status.toString());
    double[] v = new double[fx.jointNames().size()];
    bridge.joints(System.nanoTime(), v, v, v);
    for (String t : List.of("telemetry/joints", "telemetry/loop", "telemetry/mqtt")) {
      JsonNode j = sub.awaitTopic(P + "/" + t, WAIT_MS).json();
      assertTrue(schemas.problems(t, j).isEmpty(), t + ": " + schemas.problems(t, j));
    }

    MosquittoClients.publish(broker.port(), P + "/cmd/estop", "{\"id\": \"from-mosquitto_pub\"}");
    JsonNode ack = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().path("id").asText().equals("from-mosquitto_pub"), WAIT_MS).json();
    assertTrue(ack.get("ok").asBoolean(), ack.toString());
    assertTrue(schemas.problems("cmd/ack", ack).isEmpty());
    assertEquals(1, estops.get());

    MosquittoClients.publish(broker.port(), P + "/cmd/run", "{\"id\": \"r1\", \"trials\": -1}");
    JsonNode invalid = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().path("id").asText().equals("r1"), WAIT_MS).json();
    assertEquals("invalid_argument", invalid.at("/error/code").asText(), invalid.toString());
    MosquittoClients.publish(broker.port(), P + "/cmd/estop", "{id: unquoted}");
    JsonNode malformed = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().at("/error/code").asText().equals("malformed"), WAIT_MS).json();
    assertTrue(malformed.get("id").isNull());
    assertEquals(1, estops.get(), "a malformed e-stop runs nothing; it is answered");

    byte[] good = fx.bundleBytes(21);
    Path goodFile = dir.resolve("good.npz");
    Files.write(goodFile, good);
    MosquittoClients.publish(broker.port(), P + "/meta/bundle", List.of("-f", goodFile.toString()));
    JsonNode accepted = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().path("id").asText().equals("sha256:" + MqttBridgeTest.sha256(good)), WAIT_MS).json();
    assertTrue(accepted.get("ok").asBoolean(), accepted.toString());
    assertTrue(bundles.takePending().isPresent());

    byte[] tampered = good.clone();
    tampered[tampered.length / 2] ^= 0x01;
    Path badFile = dir.resolve("tampered.npz");
    Files.write(badFile, tampered);
    MosquittoClients.publish(broker.port(), P + "/meta/bundle", List.of("-f", badFile.toString()));
    JsonNode refused = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().path("id").asText().equals("sha256:" + MqttBridgeTest.sha256(tampered)), WAIT_MS).json();
    assertFalse(refused.get("ok").asBoolean());
    assertEquals("invalid_bundle", refused.at("/error/code").asText());
    assertFalse(bundles.hasPending());
    assertEquals(Optional.of(MqttBridgeTest.sha256(good)), bundles.activeSha256());
  }

  @Test
  void theBrokerPublishesTheLastWillWhenTheRuntimeIsKilled() throws Exception {
    MosquittoBroker broker = later(MosquittoBroker.start(dir));
    MosquittoClients.Subscriber sub = later(new MosquittoClients.Subscriber(broker.port(), P + "/status"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dengram.repo.root=" + RemoteFixture.repoRoot().toAbsolutePath(),
        MqttChild.class.getName(), broker.uri(), ROBOT)
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    later(child::destroyForcibly);
    sub.await(l -> l.json().get("state").asText().equals("idle"), WAIT_MS);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean disconnect
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    JsonNode will = sub.await(l -> l.json().get("state").asText().equals("offline"), WAIT_MS).json();
    assertEquals("connection lost (last will)", will.get("detail").asText());
    assertEquals(ROBOT, will.get("robot_id").asText());
    // Retained: a client that subscribes now still learns the runtime is gone.
    MosquittoClients.Subscriber late = later(new MosquittoClients.Subscriber(broker.port(), P + "/status"));
    assertEquals("offline", late.await(l -> true, WAIT_MS).json().get("state").asText());
  }

  @Test
  void tlsWithClientCertificatesAndAPasswordFile() throws Exception {
    TestCertificates certs = TestCertificates.make(dir);
    Path passwords = dir.resolve("passwd");
    Process pw = new ProcessBuilder(MosquittoBroker.require("mosquitto_passwd").toString(), "-b", "-c",
        passwords.toString(), "engram", "s3cret").redirectErrorStream(true).start();
    assertTrue(pw.waitFor(30, TimeUnit.SECONDS) && pw.exitValue() == 0,
        new String(pw.getInputStream().readAllBytes()));
    MosquittoBroker broker = later(MosquittoBroker.start(dir, MosquittoBroker.freePort(), List.of(
        "cafile " + certs.ca(), "certfile " + certs.serverCert(), "keyfile " + certs.serverKey(),
        "require_certificate true", "allow_anonymous false", "password_file " + passwords)));
    Path credentials = dir.resolve("credentials");
    Files.writeString(credentials, "engram\ns3cret\n");
    CommandRouter router = fx.router();
    router.register(CommandName.RUN, c -> CommandResult.success());
    MqttConfig base = fx.mqtt(broker.uri("ssl"), ROBOT);
    MqttConfig tls = new MqttConfig(true, broker.uri("ssl"), base.clientId(), base.topicPrefix(), 1,
        base.keepAlive(), base.connectTimeout(),
        Optional.of(new TlsConfig(certs.ca(), Optional.of(certs.clientCert()), Optional.of(certs.clientKey()))),
        Optional.of(credentials), true, base.reconnectMaxBackoff(), base.bundleMaxBytes(), base.telemetry());
    MqttBridge bridge = later(new MqttBridge(tls, ROBOT, fx.jointNames(), router, fx.bundles())).start();
    assertTrue(bridge.commandsAccepted(), "password and certificate authenticate the connection");
    String[] tlsArgs = {"--cafile", certs.ca().toString(), "--cert", certs.clientCert().toString(),
        "--key", certs.clientKey().toString(), "-u", "engram", "-P", "s3cret", "-h", "localhost"};
    MosquittoClients.Subscriber sub = later(new MosquittoClients.Subscriber(broker.port(), P + "/#", tlsArgs));
    JsonNode status = sub.awaitTopic(P + "/status", WAIT_MS).json();
    assertEquals("all", status.get("commands").asText());
    MosquittoClients.publish(broker.port(), P + "/cmd/run", List.of("-m", "{\"id\":\"over-tls\"}"), tlsArgs);
    JsonNode ack = sub.await(l -> l.topic().equals(P + "/cmd/ack")
        && l.json().path("id").asText().equals("over-tls"), WAIT_MS).json();
    assertTrue(ack.get("ok").asBoolean(), ack.toString());

    // A wrong password never connects (and the runtime keeps retrying without blocking anyone).
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "engram\nguess\n");
    MqttConfig bad = new MqttConfig(true, tls.brokerUri(), "engram-intruder", tls.topicPrefix(), 1,
        tls.keepAlive(), tls.connectTimeout(), tls.tls(), Optional.of(wrong), true,
        tls.reconnectMaxBackoff(), tls.bundleMaxBytes(), tls.telemetry());
    MqttBridge intruder = later(new MqttBridge(bad, ROBOT, fx.jointNames(), fx.router(), fx.bundles())).start();
    Thread.sleep(2000);
    assertFalse(intruder.connected());
    assertEquals(0, intruder.counters().connects());
  }
}
