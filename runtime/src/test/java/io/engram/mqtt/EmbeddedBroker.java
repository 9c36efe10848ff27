package io.engram.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/** Moquette in the test JVM: MQTT 3.1.1, in memory, on a free local port. */
final class EmbeddedBroker implements AutoCloseable {

  private final int port;
  private Server server;

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  static EmbeddedBroker start() throws IOException {
    return start(MosquittoBroker.freePort());
  }

  /** Starts a broker on {@code port} (to restart one where a client expects it). */
  static EmbeddedBroker start(int port) throws IOException {
    EmbeddedBroker b = new EmbeddedBroker(port);
    b.restart();
    return b;
  }

  void restart() throws IOException {
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", Integer.toString(port));
    p.setProperty("allow_anonymous", "true");
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("netty.mqtt.message_size", Integer.toString(64 * 1024 * 1024));
    server = new Server();
    server.startServer(new MemoryConfig(p));
  }

  void stop() {
    if (server != null) {
      server.stopServer();
      server = null;
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }
}
