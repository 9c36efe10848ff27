package io.engram.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Telemetry and remote commands over MQTT.
 *
 * @param enabled whether the runtime connects to a broker
 * @param brokerUri broker address, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId MQTT client id
 * @param topicPrefix prefix of every topic the runtime publishes or subscribes
 * @param qos quality of service of published messages (0, 1 or 2)
 * @param keepAlive MQTT keep-alive interval
 * @param connectTimeout how long a connection attempt may take
 * @param tls TLS settings, for {@code ssl://} brokers
 * @param credentialsFile file holding the user name on its first line and the password on its
 *     second; kept out of the configuration so it can be readable by the service only
 * @param commandsRequireAuth refuse every command but {@code estop} (and bundle delivery) unless
 *     the connection is authenticated by a password or a client certificate
 * @param reconnectMaxBackoff longest wait between two reconnection attempts (the wait doubles
 *     from a quarter second up to this)
 * @param bundleMaxBytes largest meta-parameter bundle accepted on {@code meta/bundle}
 * @param telemetry what is published and how often
 * @param serve whether {@code engram run} waits for commands ({@code adapt}, {@code run}, {@code
 *     stop}) instead of performing its demonstrations
 */
public record MqttConfig(
    boolean enabled,
    String brokerUri,
    String clientId,
    String topicPrefix,
    int qos,
    Duration keepAlive,
    Duration connectTimeout,
    Optional<TlsConfig> tls,
    Optional<Path> credentialsFile,
    boolean commandsRequireAuth,
    Duration reconnectMaxBackoff,
    long bundleMaxBytes,
    MqttTelemetryConfig telemetry,
    boolean serve) {

  /** Without the command-driven mode. */
  public MqttConfig(boolean enabled, String brokerUri, String clientId, String topicPrefix, int qos,
      Duration keepAlive, Duration connectTimeout, Optional<TlsConfig> tls,
      Optional<Path> credentialsFile, boolean commandsRequireAuth, Duration reconnectMaxBackoff,
      long bundleMaxBytes, MqttTelemetryConfig telemetry) {
    this(enabled, brokerUri, clientId, topicPrefix, qos, keepAlive, connectTimeout, tls,
        credentialsFile, commandsRequireAuth, reconnectMaxBackoff, bundleMaxBytes, telemetry, false);
  }

  public MqttConfig {
    Objects.requireNonNull(brokerUri, "brokerUri");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(credentialsFile, "credentialsFile");
    Objects.requireNonNull(reconnectMaxBackoff, "reconnectMaxBackoff");
    Objects.requireNonNull(telemetry, "telemetry");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("MQTT QoS must be 0, 1 or 2");
    }
    if (bundleMaxBytes <= 0) {
      throw new IllegalArgumentException("bundleMaxBytes must be positive");
    }
    if (serve && !enabled) {
      throw new IllegalArgumentException("serving commands needs MQTT enabled");
    }
  }

  /** Disabled; a local broker, client id {@code engram-<robotId>}, topics under {@code engram/<robotId>}. */
  public static MqttConfig defaults(String robotId) {
    return new MqttConfig(
        false,
        "tcp://localhost:1883",
        defaultClientId(robotId),
        defaultTopicPrefix(robotId),
        1,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Optional.empty(),
        Optional.empty(),
        false,
        Duration.ofSeconds(10),
        32L * 1024 * 1024,
        MqttTelemetryConfig.defaults(),
        false);
  }

  /** This configuration, enabled, against the broker at {@code uri}. */
  public MqttConfig connectedTo(String uri) {
    return new MqttConfig(true, uri, clientId, topicPrefix, qos, keepAlive, connectTimeout, tls,
        credentialsFile, commandsRequireAuth, reconnectMaxBackoff, bundleMaxBytes, telemetry, serve);
  }

  /** This configuration waiting for commands ({@code serve}), or not. */
  public MqttConfig serving(boolean on) {
    return new MqttConfig(enabled, brokerUri, clientId, topicPrefix, qos, keepAlive, connectTimeout,
        tls, credentialsFile, commandsRequireAuth, reconnectMaxBackoff, bundleMaxBytes, telemetry, on);
  }

  /** This configuration with the client id and topic prefix of {@code robotId}. */
  public MqttConfig forRobot(String robotId) {
    return new MqttConfig(enabled, brokerUri, defaultClientId(robotId), defaultTopicPrefix(robotId),
        qos, keepAlive, connectTimeout, tls, credentialsFile, commandsRequireAuth,
        reconnectMaxBackoff, bundleMaxBytes, telemetry, serve);
  }

  /** This configuration, enabled, against {@code uri}, with the client id and topics of {@code robotId}. */
  public MqttConfig connectedTo(String uri, String robotId) {
    return connectedTo(uri).forRobot(robotId);
  }

  static String defaultClientId(String robotId) {
    return "engram-" + robotId;
  }

  static String defaultTopicPrefix(String robotId) {
    return "engram/" + robotId;
  }
}
