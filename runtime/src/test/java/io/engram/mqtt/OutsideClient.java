package io.engram.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A client of the broker other than the runtime: subscribes to everything, publishes commands. */
final class OutsideClient implements AutoCloseable {

  /** One message received. */
  record Received(String topic, byte[] payload, boolean retained) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(payload);
      } catch (IOException e) {
        throw new AssertionError("not JSON on " + topic + ": " + new String(payload), e);
      }
    }
  }

  private final MqttClient client;
  private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Received> seen = new ArrayList<>();
  private final List<Received> all = new java.util.concurrent.CopyOnWriteArrayList<>();

  OutsideClient(String uri, String filter) throws MqttException {
    client = new MqttClient(uri, "outside-" + UUID.randomUUID(), new MemoryPersistence());
    client.setTimeToWait(20_000);
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    // An embedded broker just started may drop the first connection; try a few times.
    for (int attempt = 1; ; attempt++) {
      try {
        client.connect(o);
        client.subscribe(filter, 1,
            (topic, m) -> {
              Received r = new Received(topic, m.getPayload(), m.isRetained());
              all.add(r);
              inbox.add(r);
            });
        return;
      } catch (MqttException e) {
        if (attempt == 3) {
          throw e;
        }
        if (client.isConnected()) {
          client.disconnectForcibly(0, 100);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  void publish(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, false);
  }

  void publish(String topic, String json) throws MqttException {
    publish(topic, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  void publishRetained(String topic, String json) throws MqttException {
    client.publish(topic, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true);
  }

  /** The next message matching {@code which}, within {@code timeout}; earlier ones are kept in {@link #seen()}. */
  Received await(Predicate<Received> which, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (seen) {
      for (Received r : seen) {
        if (which.test(r)) {
          seen.remove(r);
          return r;
        }
      }
    }
    while (true) {
      long left = deadline - System.nanoTime();
      Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
      if (r == null) {
        throw new AssertionError("no matching message within " + timeout + "; seen: " + topics());
      }
      if (which.test(r)) {
        return r;
      }
      synchronized (seen) {
        seen.add(r);
      }
    }
  }

  /** The ack of request {@code id}. */
  JsonNode ack(String prefix, String id, Duration timeout) throws InterruptedException {
    return await(r -> r.topic().equals(prefix + "/cmd/ack") && id.equals(r.json().path("id").asText(null)),
        timeout).json();
  }

  /** Every message received so far, awaited or not. */
  List<Received> drainAll() {
    return new ArrayList<>(all);
  }

  private List<String> topics() {
    synchronized (seen) {
      return seen.stream().map(Received::topic).distinct().toList();
    }
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(200, 500);
      }
    } finally {
      client.close(true);
    }
  }
}
