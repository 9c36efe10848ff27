package io.engram.mqtt;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.config.EngramConfig;
import io.engram.config.MqttConfig;
import io.engram.config.MqttTelemetryConfig;
import io.engram.config.yaml.ConfigLoader;
import io.engram.npy.NpyArray;
import io.engram.npy.NpzWriter;
import io.engram.remote.BundleCheck;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandParser;
import io.engram.remote.CommandRouter;
import io.engram.snn.NetworkShape;
import io.engram.task.TaskFamily;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The emulated ED-Scorbot's configuration, with MQTT pointed at a test broker. */
final class RemoteFixture {

  final EngramConfig config;
  final TaskFamily tasks;
  final BundleLayout layout;

  RemoteFixture() throws Exception {
    config = ConfigLoader.load(repoRoot().resolve("robot-config/examples/ed-scorbot-sim.yaml"));
    tasks = TaskFamily.of(config);
    layout = BundleLayout.of(config.network());
  }

  static Path repoRoot() {
    String root = System.getProperty("engram.repo.root");
    return root != null ? Path.of(root) : Path.of("..");
  }

  /** MQTT settings for {@code uri}: fast batches and statistics, a short backoff. */
  MqttConfig mqtt(String uri, String robotId) {
    MqttConfig d = config.mqtt().connectedTo(uri, robotId);
    return new MqttConfig(true, uri, d.clientId(), d.topicPrefix(), 1, Duration.ofSeconds(5),
        Duration.ofSeconds(2), d.tls(), d.credentialsFile(), d.commandsRequireAuth(),
        Duration.ofMillis(500), d.bundleMaxBytes(),
        new MqttTelemetryConfig(100, Duration.ofMillis(100), Duration.ofMillis(200), 64));
  }

  CommandRouter router() {
    return new CommandRouter(new CommandParser(tasks));
  }

  BundleExchange bundles() {
    return new BundleExchange(layout, true, 32L * 1024 * 1024, BundleCheck.NONE);
  }

  List<String> jointNames() {
    return config.robot().joints().stream().map(j -> j.name()).toList();
  }

  /** A bundle of the configured sizes with seeded weights, as {@code .npz} bytes. */
  byte[] bundleBytes(long seed) throws IOException {
    return bundleBytes(layout, seed);
  }

  static byte[] bundleBytes(BundleLayout layout, long seed) throws IOException {
    Random rng = new Random(seed);
    Map<String, NpyArray> m = new LinkedHashMap<>();
    NetworkShape t = layout.trainee();
    NetworkShape l = layout.lsg();
    m.put(MetaParameterBundle.W_IN_TRAINEE, random(rng, t.inputs(), t.neurons()));
    m.put(MetaParameterBundle.W_REC_TRAINEE, random(rng, t.neurons(), t.neurons()));
    m.put(MetaParameterBundle.W_OUT_TRAINEE, random(rng, t.neurons(), t.readouts()));
    m.put(MetaParameterBundle.W_IN_LSG, random(rng, l.inputs(), l.neurons()));
    m.put(MetaParameterBundle.W_REC_LSG, random(rng, l.neurons(), l.neurons()));
    m.put(MetaParameterBundle.W_OUT_LSG, random(rng, l.neurons(), l.readouts()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpzWriter.write(out, m, false);
    return out.toByteArray();
  }

  private static NpyArray random(Random rng, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 * rng.nextGaussian();
    }
    return NpyArray.ofFloat32(new int[] {rows, cols}, v);
  }

  /** An adapt command's JSON: the omega of a sampled task. */
  String adaptJson(String id, long seed) {
    var task = tasks.sample(1, seed).get(0);
    StringBuilder sb = new StringBuilder("{\"id\":\"" + id + "\",\"target\":{\"omega\":[");
    for (int t = 0; t < task.steps(); t++) {
      sb.append(t == 0 ? "[" : ",[");
      for (int k = 0; k < task.joints(); k++) {
        sb.append(k == 0 ? "" : ",").append(task.omega(t, k));
      }
      sb.append(']');
    }
    return sb.append("]}}").toString();
  }
}
