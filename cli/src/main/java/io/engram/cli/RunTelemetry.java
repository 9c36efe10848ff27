package io.engram.cli;

import io.engram.config.EngramConfig;
import io.engram.crossbar.CrossbarArray;
import io.engram.telemetry.CrossbarHealth;
import io.engram.config.LearningRule;
import io.engram.mqtt.MqttBridge;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandParser;
import io.engram.remote.CommandRouter;
import io.engram.remote.SessionCommands;
import io.engram.session.Session;
import io.engram.session.TrialReport;
import io.engram.task.TaskFamily;
import io.engram.telemetry.LearningReport;
import io.engram.telemetry.NetworkActivity;
import io.engram.telemetry.RuntimeState;
import java.io.IOException;

/**
 * The MQTT side of {@code engram run}: status, loop and joint telemetry, learning results, and
 * the e-stop, stop and reset commands, when the configuration enables MQTT; nothing otherwise.
 */
final class RunTelemetry implements AutoCloseable {

  private final MqttBridge bridge;
  private final String rule;
  private final Session session;

  private RunTelemetry(MqttBridge bridge, String rule, Session session) {
    this.bridge = bridge;
    this.rule = rule;
    this.session = session;
  }

  static RunTelemetry open(EngramConfig config, Session session) throws IOException {
    String rule = config.learning().rule().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    if (!config.mqtt().enabled()) {
      return new RunTelemetry(null, rule, session);
    }
    CommandRouter router = new CommandRouter(new CommandParser(TaskFamily.of(config)));
    BundleExchange bundles = new BundleExchange(config,
        config.learning().rule() == LearningRule.NATURAL_EPROP, config.mqtt().bundleMaxBytes());
    MqttBridge bridge = new MqttBridge(config.mqtt(), config.robot().id(),
        config.robot().joints().stream().map(j -> j.name()).toList(), router, bundles);
    new SessionCommands(session, bridge).attach(router);
    bridge.start();
    bridge.state(RuntimeState.IDLE, "session open");
    return new RunTelemetry(bridge, rule, session);
  }

  boolean enabled() {
    return bridge != null;
  }

  void performing(int index) {
    if (bridge != null) {
      bridge.state(RuntimeState.RUNNING, "learning and performing demonstration " + index);
    }
  }

  void performed(int index, TrialReport r) {
    if (bridge == null) {
      return;
    }
    var learning = r.learning();
    long devices = 0;
    if (session.trainee().network().synapses() instanceof CrossbarArray array) {
      devices = array.lastProgramming().devicesWritten();
      bridge.crossbar(CrossbarHealth.of(array));
    }
    bridge.learning(new LearningReport(null, rule, learning.before().endEffectorErrorCm(),
        learning.after().endEffectorErrorCm(), learning.after().omegaRmse(),
        learning.adaptation().cellsWritten(), devices, learning.nanos() / 1e9));
    bridge.network(new NetworkActivity("trainee", "after-adaptation", learning.rateAfterHz(),
        new double[0]));
  }

  void finished(boolean stopped) {
    if (bridge != null && !stopped) {
      bridge.state(RuntimeState.IDLE, "all demonstrations performed");
    }
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
  }
}
