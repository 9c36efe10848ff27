package io.engram.mqtt;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.BundleManifest;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.EngramConfig;
import io.engram.config.MqttConfig;
import io.engram.config.MqttTelemetryConfig;
import io.engram.config.yaml.ConfigLoader;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandParser;
import io.engram.remote.CommandRouter;
import io.engram.snn.NetworkShape;
import io.engram.synapse.WeightMatrix;
import io.engram.task.TaskFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The emulated ED-Scorbot's configuration with small networks (so that bundles stay a few
 * kilobytes), and MQTT settings for a test broker.
 */
final class RemoteFixture {

  final EngramConfig config;
  final TaskFamily tasks;
  final BundleLayout layout;

  RemoteFixture() throws Exception {
    this(12);
  }

  /** With a trainee of {@code neurons} neurons and an LSG of 10. */
  RemoteFixture(int neurons) throws Exception {
    Path file = repoRoot().resolve("robot-config/examples/ed-scorbot-sim.yaml");
    String yaml = Files.readString(file) + "\nnetwork:\n  trainee:\n    neurons: " + neurons
        + "\n  lsg:\n    neurons: 10\n    alif-neurons: 4\n    outputs: " + neurons + "\n";
    config = ConfigLoader.parse(yaml, file.toString(), file.getParent()).config();
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
        Duration.ofSeconds(5), d.tls(), d.credentialsFile(), d.commandsRequireAuth(),
        Duration.ofMillis(500), d.bundleMaxBytes(),
        new MqttTelemetryConfig(100, Duration.ofMillis(100), Duration.ofMillis(200), 64));
  }

  CommandRouter router() {
    return new CommandRouter(new CommandParser(tasks));
  }

  BundleExchange bundles() {
    return new BundleExchange(config, true, 32L * 1024 * 1024);
  }

  List<String> jointNames() {
    return config.robot().joints().stream().map(j -> j.name()).toList();
  }

  /** A bundle for this configuration with seeded weights and its manifest, as {@code .npz} bytes. */
  byte[] bundleBytes(long seed) throws IOException {
    return bundleBytes(seed, true);
  }

  byte[] bundleBytes(long seed, boolean withManifest) throws IOException {
    Random rng = new Random(seed);
    NetworkShape t = layout.trainee();
    NetworkShape l = layout.lsg();
    MetaParameters meta = new MetaParameters(
        random(rng, t.inputs(), t.neurons()), random(rng, t.neurons(), t.neurons()),
        random(rng, t.neurons(), t.readouts()), random(rng, l.inputs(), l.neurons()),
        random(rng, l.neurons(), l.neurons()), random(rng, l.neurons(), l.readouts()));
    Path file = Files.createTempFile("engram-test-bundle", ".npz");
    try {
      if (withManifest) {
        MetaParameterBundle.write(file, meta, BundleManifest.describing(config, Map.of("test", true)));
      } else {
        MetaParameterBundle.write(file, meta);
      }
      return Files.readAllBytes(file);
    } finally {
      Files.delete(file);
    }
  }

  private static WeightMatrix random(Random rng, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 * rng.nextGaussian();
    }
    return WeightMatrix.of(rows, cols, v);
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
