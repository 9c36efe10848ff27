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
    Optional<Path> credentialsFile) {

  public MqttConfig {
    Objects.requireNonNull(brokerUri, "brokerUri");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(credentialsFile, "credentialsFile");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("MQTT QoS must be 0, 1 or 2");
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
        Optional.empty());
  }

  static String defaultClientId(String robotId) {
    return "engram-" + robotId;
  }

  static String defaultTopicPrefix(String robotId) {
    return "engram/" + robotId;
  }
}
