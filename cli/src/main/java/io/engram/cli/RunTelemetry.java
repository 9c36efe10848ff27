package io.engram.cli;

import io.engram.config.EngramConfig;
import io.engram.config.LearningRule;
import io.engram.mqtt.MqttBridge;
import io.engram.remote.AdaptationTelemetry;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandParser;
import io.engram.remote.CommandRouter;
import io.engram.remote.ServeCommands;
import io.engram.remote.SessionCommands;
import io.engram.session.LearnedMotion;
import io.engram.session.Session;
import io.engram.task.TaskFamily;
import io.engram.telemetry.RuntimeState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * The MQTT side of {@code engram run}: status, loop and joint telemetry, learning results, and the
 * e-stop, stop and reset commands, when the configuration enables MQTT; nothing otherwise. With
 * {@code mqtt.serve} the session is driven by commands instead ({@link ServeCommands}: adapt, run
 * and stop too).
 */
final class RunTelemetry implements AutoCloseable {

  private final MqttBridge bridge;
  private final BundleExchange bundles;
  private final ServeCommands serve;
  private final Session session;
  private boolean closed;

  private RunTelemetry(MqttBridge bridge, BundleExchange bundles, ServeCommands serve,
      Session session) {
    this.bridge = bridge;
    this.bundles = bundles;
    this.serve = serve;
    this.session = session;
  }

  static RunTelemetry open(EngramConfig config, Session session) throws IOException {
    if (!config.mqtt().enabled()) {
      return new RunTelemetry(null, null, null, session);
    }
    CommandRouter router = new CommandRouter(new CommandParser(TaskFamily.of(config)));
    BundleExchange bundles = new BundleExchange(config,
        config.learning().rule() == LearningRule.NATURAL_EPROP, config.mqtt().bundleMaxBytes());
    if (config.bundle().path().isPresent()) {
      bundles.active(Files.readAllBytes(config.bundle().path().get()));
    }
    MqttBridge bridge = new MqttBridge(config.mqtt(), config.robot().id(),
        config.robot().joints().stream().map(j -> j.name()).toList(), router, bundles);
    ServeCommands serve = null;
    if (config.mqtt().serve()) {
      serve = new ServeCommands(session, bridge, bundles);
      serve.attach(router);
    } else {
      new SessionCommands(session, bridge).attach(router);
    }
    bridge.start();
    if (serve != null) {
      serve.ready("session open: waiting for commands");
    } else {
      bridge.state(RuntimeState.IDLE, "session open");
    }
    return new RunTelemetry(bridge, bundles, serve, session);
  }

  boolean enabled() {
    return bridge != null;
  }

  /** The command-driven session, when {@code mqtt.serve} is on. */
  Optional<ServeCommands> serve() {
    return Optional.ofNullable(serve);
  }

  void performing(int index) {
    if (bridge != null) {
      bridge.state(RuntimeState.RUNNING, "learning and performing demonstration " + index);
    }
  }

  void adapted(LearnedMotion m) {
    if (bridge != null) {
      AdaptationTelemetry.publish(bridge, session, null, bundles.activeSha256().orElse(null), m);
    }
  }

  void finished(boolean stopped) {
    if (bridge != null && !stopped) {
      bridge.state(RuntimeState.IDLE, "all demonstrations performed");
    }
  }

  /** Ends a motion under way (serve mode), then publishes {@code offline} and disconnects. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (serve != null) {
      serve.close(GracefulShutdown.DEFAULT_GRACE.minus(Duration.ofSeconds(2)));
    }
    if (bridge != null) {
      bridge.close();
    }
  }
}
