package io.engram.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engram.bridge.emulation.EmulatedArm;
import io.engram.bridge.hardware.HardwareException;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.control.LoopController;
import io.engram.control.LoopOutcome;
import io.engram.control.LoopResult;
import io.engram.remote.CommandRouter;
import io.engram.remote.SessionCommands;
import io.engram.session.LearningSetup;
import io.engram.session.Session;
import io.engram.telemetry.RuntimeState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session on the emulated ED-Scorbot with its loop connected to mosquitto: an e-stop sent with
 * mosquitto_pub, and the broker killed and restarted while the loop runs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RemoteSessionTest {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteSessionTest.class);
  private static final long WAIT_MS = 30_000;
  private static final String ROBOT = "scorbot-1";
  private static final String P = "engram/" + ROBOT;

  @TempDir Path dir;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private RemoteFixture fx;
  private Session session;

  @BeforeEach
  void open() throws Exception {
    MosquittoBroker.require("mosquitto");
    MosquittoBroker.require("mosquitto_pub");
    fx = new RemoteFixture();
    EngramConfig d = EngramConfig.defaults();
    LearningConfig l = d.learning();
    // A loaded test machine must not look like a dead sensor (the firmware runs in this JVM).
    EngramConfig config = d.withLearning(new LearningConfig(LearningRule.READOUT, l.eta(),
            l.updateQuantum(), l.readout(), l.eprop()))
        .withControl(d.control().withSensorTimeout(Duration.ofMillis(250)));
    session = Session.open(config, LearningSetup.of(config));
    closing.add(session);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** Sweeps the base slowly back and forth for a number of periods. */
  private static final class Sweep implements LoopController {
    private final int periods;
    private int done;

    Sweep(int periods) {
      this.periods = periods;
    }

    @Override
    public boolean update(double[] measured, double[] setPoints) {
      setPoints[0] = 0.2 * Math.sin(done * 0.02);
      return ++done >= periods;
    }
  }

  private MqttBridge bridge(MosquittoBroker broker) throws Exception {
    CommandRouter router = fx.router();
    MqttBridge bridge = new MqttBridge(fx.mqtt(broker.uri(), ROBOT), ROBOT, fx.jointNames(), router,
        fx.bundles());
    closing.add(bridge);
    new SessionCommands(session, bridge).attach(router);
    bridge.start();
    bridge.state(RuntimeState.IDLE, "test session");
    return bridge;
  }

  private static void awaitConnected(MqttBridge b) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
    while (!b.connected()) {
      assertTrue(System.nanoTime() < deadline, "bridge did not connect");
      Thread.sleep(10);
    }
  }

  @Test
  void anEstopPublishedWithMosquittoPubStopsTheEmulatedArm() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(dir);
    closing.add(broker);
    MqttBridge bridge = bridge(broker);
    awaitConnected(bridge);
    Thread.sleep(300); // let the subscriptions settle
    EmulatedArm arm = session.connection().emulator().arm();
    session.hardware().activate();
    CompletableFuture<LoopResult> motion =
        CompletableFuture.supplyAsync(() -> session.loop().run(new Sweep(100_000), true));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(arm.motorPower() && arm.anyEnabled())) {
      assertTrue(System.nanoTime() < deadline, "the arm never started moving");
      Thread.sleep(1);
    }
    Thread.sleep(200);

    long published = System.nanoTime();
    Process pub = new ProcessBuilder(MosquittoBroker.require("mosquitto_pub").toString(),
        "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-q", "1",
        "-t", P + "/cmd/estop", "-m", "{\"id\":\"big-red-button\"}").start();
    long powerCut = 0;
    long disabled = 0;
    while (disabled == 0 && System.nanoTime() - published < TimeUnit.SECONDS.toNanos(30)) {
      long now = System.nanoTime();
      if (powerCut == 0 && !arm.motorPower()) {
        powerCut = now;
      }
      if (powerCut != 0 && !arm.anyEnabled()) {
        disabled = now;
      }
      Thread.onSpinWait();
    }
    assertTrue(pub.waitFor(30, TimeUnit.SECONDS));
    assertTrue(disabled > 0, "the e-stop did not disable the motors");
    LoopResult r = motion.get(30, TimeUnit.SECONDS);
    assertEquals(LoopOutcome.STOPPED, r.outcome(), r.toString());
    assertFalse(arm.motorPower());
    assertTrue(session.remoteEstopLatched());
    assertThrows(HardwareException.class, session::home, "the e-stop must latch");
    LOG.info(String.format(Locale.ROOT, "FIGURE e-stop: mosquitto_pub started -> motor power cut %.1f ms,"
        + " -> every motor disabled %.1f ms (loop period %.1f ms)", (powerCut - published) / 1e6,
        (disabled - published) / 1e6, session.loop().periodNanos() / 1e6));

    MosquittoClients.Subscriber sub = new MosquittoClients.Subscriber(broker.port(), P + "/status");
    closing.add(sub);
    sub.await(l -> l.json().get("state").asText().equals("estop"), WAIT_MS);
    MosquittoClients.publish(broker.port(), P + "/cmd/reset", "{\"id\":\"all-clear\"}");
    assertEquals("idle", sub.await(l -> l.json().get("detail").asText().contains("all-clear"), WAIT_MS)
        .json().get("state").asText());
    assertFalse(session.remoteEstopLatched());
  }

  @Test
  void theLoopKeepsItsCadenceWhileTheBrokerIsKilledAndRestarted() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(dir);
    closing.add(broker);
    MqttBridge bridge = bridge(broker);
    awaitConnected(bridge);
    MosquittoClients.Subscriber sub = new MosquittoClients.Subscriber(broker.port(), P + "/telemetry/#");
    closing.add(sub);
    int periods = 300; // 3 s at 100 Hz
    session.hardware().activate();
    LoopResult withBroker = session.loop().run(new Sweep(periods), true);
    double p99With = session.loop().statistics().periods().getValueAtPercentile(99) / 1e3;
    assertTrue(withBroker.completed(), withBroker.toString());
    JsonNode batch = sub.awaitTopic(P + "/telemetry/joints", WAIT_MS).json();
    assertTrue(batch.get("position_rad").size() > 0);
    sub.awaitTopic(P + "/telemetry/loop", WAIT_MS);

    broker.kill();
    long dropsBefore = bridge.counters().droppedJointSamples() + bridge.counters().droppedQueueFull();
    session.hardware().activate();
    LoopResult without = session.loop().run(new Sweep(periods), true);
    double p99Without = session.loop().statistics().periods().getValueAtPercentile(99) / 1e3;
    long overrunsWithout = session.loop().statistics().overruns();
    assertTrue(without.completed(), without.toString());
    assertEquals(withBroker.iterations(), without.iterations(),
        "every period ran while the broker was gone");
    MqttBridge.Counters gone = bridge.counters();
    assertFalse(bridge.connected());
    assertTrue(gone.droppedJointSamples() + gone.droppedQueueFull() > dropsBefore,
        "samples offered while the broker was gone must be dropped and counted: " + gone);

    broker.restart();
    MosquittoClients.Subscriber again = new MosquittoClients.Subscriber(broker.port(), P + "/telemetry/#");
    closing.add(again);
    awaitConnected(bridge);
    session.hardware().activate();
    CompletableFuture<LoopResult> after =
        CompletableFuture.supplyAsync(() -> session.loop().run(new Sweep(periods), true));
    JsonNode resumed = again.awaitTopic(P + "/telemetry/joints", WAIT_MS).json();
    assertTrue(resumed.get("position_rad").size() > 0);
    JsonNode counters = again.awaitTopic(P + "/telemetry/mqtt", WAIT_MS).json();
    assertTrue(counters.get("dropped_joint_samples").asLong() > 0, counters.toString());
    assertTrue(counters.get("connects").asLong() >= 2, counters.toString());
    assertTrue(after.get(60, TimeUnit.SECONDS).completed());
    LOG.info(String.format(Locale.ROOT, "FIGURE loop period p99 (the loop's histogram, %d periods of"
            + " %.1f ms): %.1f us with the broker, %.1f us without it (%d overruns); dropped while"
            + " the broker was gone: %d joint samples, %d queued messages", periods,
        session.loop().periodNanos() / 1e6, p99With, p99Without, overrunsWithout,
        gone.droppedJointSamples(), gone.droppedQueueFull()));
  }
}
