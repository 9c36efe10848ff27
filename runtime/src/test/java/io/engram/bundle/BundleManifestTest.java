package io.engram.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.config.EngramConfig;
import io.engram.config.NetworkConfig;
import io.engram.config.TraineeConfig;
import io.engram.npy.Npy;
import io.engram.npy.NpyArray;
import io.engram.npy.NpzArchive;
import io.engram.npy.NpzWriter;
import io.engram.synapse.WeightMatrix;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestTest {

  @TempDir Path dir;

  /** Trainee 5-10-2, LSG 53-12(4 ALIF)-10: the reference encoders with small networks. */
  static EngramConfig small() {
    return EngramConfig.defaults().withNetwork(NetworkConfig.defaults().withSizes(10, 12, 4));
  }

  static MetaParameters random(BundleLayout layout, long seed) {
    Random rng = new Random(seed);
    var t = layout.trainee();
    var l = layout.lsg();
    return new MetaParameters(
        m(rng, t.inputs(), t.neurons()),
        m(rng, t.neurons(), t.neurons()),
        m(rng, t.neurons(), t.readouts()),
        m(rng, l.inputs(), l.neurons()),
        m(rng, l.neurons(), l.neurons()),
        m(rng, l.neurons(), l.readouts()));
  }

  private static WeightMatrix m(Random rng, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return WeightMatrix.of(rows, cols, v);
  }

  private Path written(EngramConfig config, MetaParameters meta) throws Exception {
    Path file = dir.resolve("bundle.npz");
    MetaParameterBundle.write(
        file, meta, BundleManifest.describing(config, Map.of("iterations", 3, "command", "test")));
    return file;
  }

  @Test
  void roundTripsWithAVerifiedManifest() throws Exception {
    EngramConfig config = small();
    MetaParameters meta = random(BundleLayout.of(config.network()), 1);
    Path file = written(config, meta);
    for (BundleOrigin origin : BundleOrigin.values()) {
      LoadedBundle b = MetaParameterBundle.load(file, config, origin, true);
      assertEquals(meta, b.parameters());
      BundleManifest m = b.manifest().orElseThrow();
      assertEquals(BundleManifest.FORMAT_VERSION, m.formatVersion());
      assertEquals(6, m.sha256().size());
      assertEquals(10, m.network().get("trainee").get("neurons").asInt());
      assertEquals("test", m.training().get("command"));
    }
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-r--r--",
          java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    // The checksum is that of the member as stored, what `unzip -p | sha256sum` prints.
    NpzArchive npz = NpzArchive.read(file);
    byte[] member = Npy.encode(npz.array(MetaParameterBundle.W_REC_LSG));
    assertEquals(
        NpzArchive.sha256Hex(member),
        MetaParameterBundle.readManifest(file).orElseThrow().sha256().get(MetaParameterBundle.W_REC_LSG));
  }

  @Test
  void loadsFromBytesAsDeliveredOverTheNetwork() throws Exception {
    EngramConfig config = small();
    MetaParameters meta = random(BundleLayout.of(config.network()), 2);
    byte[] payload = Files.readAllBytes(written(config, meta));
    LoadedBundle b = MetaParameterBundle.load(payload, "mqtt", config, BundleOrigin.NETWORK, true);
    assertEquals(meta, b.parameters());
    assertEquals("mqtt", b.source());
  }

  @Test
  void refusesMatricesThatDoNotMatchTheirChecksums() throws Exception {
    EngramConfig config = small();
    BundleLayout layout = BundleLayout.of(config.network());
    Path genuine = written(config, random(layout, 3));
    byte[] manifest = NpzArchive.read(genuine).otherMember(BundleManifest.MEMBER);
    // Same manifest, one weight changed: a consistent zip whose matrix was altered.
    NpzArchive npz = NpzArchive.read(genuine);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    for (String k : npz.keys()) {
      arrays.put(k, npz.array(k));
    }
    double[] w = arrays.get(MetaParameterBundle.W_IN_TRAINEE).toDoubles();
    w[3] += 0.5;
    arrays.put(MetaParameterBundle.W_IN_TRAINEE, NpyArray.ofFloat32(new int[] {5, 10}, w));
    Path tampered = dir.resolve("tampered.npz");
    try (OutputStream out = Files.newOutputStream(tampered)) {
      NpzWriter.write(out, arrays, Map.of(BundleManifest.MEMBER, manifest), true);
    }
    for (BundleOrigin origin : BundleOrigin.values()) {
      InvalidBundleException e =
          assertThrows(
              InvalidBundleException.class,
              () -> MetaParameterBundle.load(tampered, config, origin, true));
      assertTrue(e.getMessage().contains("checksum of W_in_trainee.npy fails"), e.getMessage());
    }
    assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.readManifest(tampered));
  }

  @Test
  void aFlippedByteAnywhereIsRefusedOrChangesNothing() throws Exception {
    EngramConfig config = small();
    MetaParameters meta = random(BundleLayout.of(config.network()), 4);
    byte[] genuine = Files.readAllBytes(written(config, meta));
    BundleManifest manifest =
        MetaParameterBundle.load(genuine, "genuine", config, BundleOrigin.NETWORK, true)
            .manifest()
            .orElseThrow();
    Random rng = new Random(5);
    int refused = 0;
    for (int trial = 0; trial < 200; trial++) {
      byte[] bad = genuine.clone();
      int at = rng.nextInt(bad.length);
      bad[at] ^= (byte) (1 << rng.nextInt(8));
      LoadedBundle b;
      try {
        b = MetaParameterBundle.load(bad, "flip", config, BundleOrigin.NETWORK, true);
      } catch (java.io.IOException e) {
        refused++;
        continue;
      }
      // Accepted only where the flip hit zip metadata that carries no content (a timestamp).
      assertEquals(meta, b.parameters(), "flip at byte " + at);
      assertArrayEquals(manifest.toJson(), b.manifest().orElseThrow().toJson(), "flip at byte " + at);
    }
    assertTrue(refused > 150, "refused " + refused + " of 200");
  }

  @Test
  void refusesAMemberTheManifestDoesNotList() throws Exception {
    EngramConfig config = small();
    Path genuine = written(config, random(BundleLayout.of(config.network()), 6));
    NpzArchive npz = NpzArchive.read(genuine);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    for (String k : npz.keys()) {
      arrays.put(k, npz.array(k));
    }
    arrays.put("extra", NpyArray.ofFloat64(new int[] {1}, new double[] {1}));
    Path added = dir.resolve("added.npz");
    try (OutputStream out = Files.newOutputStream(added)) {
      NpzWriter.write(out, arrays, Map.of(BundleManifest.MEMBER, npz.otherMember(BundleManifest.MEMBER)), false);
    }
    InvalidBundleException e =
        assertThrows(
            InvalidBundleException.class,
            () -> MetaParameterBundle.load(added, config, BundleOrigin.LOCAL_FILE, true));
    assertTrue(e.getMessage().contains("extra.npy is not listed"), e.getMessage());
  }

  @Test
  void refusesABundleTrainedForOtherNetworkConstants() throws Exception {
    EngramConfig config = small();
    MetaParameters meta = random(BundleLayout.of(config.network()), 7);
    NetworkConfig n = config.network();
    TraineeConfig t = n.trainee();
    EngramConfig otherThreshold =
        config.withNetwork(
            new NetworkConfig(n.dtMs(),
                new TraineeConfig(t.inputs(), t.neurons(), t.outputs(), t.tauMemMs(), t.tauOutMs(),
                    0.5, t.gamma(), t.refractorySteps()),
                n.lsg(), n.clock(), n.targetEncoding()));
    Path file = written(otherThreshold, meta);
    String refusal = refusal(file, config);
    assertTrue(refusal.contains("trainee.threshold: bundle 0.5, configuration 0.6"), refusal);
  }

  @Test
  void refusesABundleTrainedForAnotherLeadAndReadsAManifestWithoutOneAsNoLead() throws Exception {
    EngramConfig config = small();
    MetaParameters meta = random(BundleLayout.of(config.network()), 9);
    NetworkConfig n = config.network();
    EngramConfig lead20 =
        config.withNetwork(n.withTargetEncoding(n.targetEncoding().withLeadSteps(20)));
    Path file = written(lead20, meta);
    String refusal = refusal(file, config);
    assertTrue(
        refusal.contains("target_encoding.lead_steps: bundle 20, configuration 0"), refusal);
    assertEquals(meta, MetaParameterBundle.load(file, lead20, BundleOrigin.NETWORK, true).parameters());

    // A manifest written before the lead existed has no lead_steps: it was trained without one.
    BundleManifest current = BundleManifest.describing(config, Map.of("command", "test"));
    ObjectNode older = (ObjectNode) current.network().deepCopy();
    ((ObjectNode) older.get("target_encoding")).remove("lead_steps");
    Path old = dir.resolve("old.npz");
    MetaParameterBundle.write(
        old,
        meta,
        new BundleManifest(
            current.formatVersion(), older, current.taskFamily(), current.training(), current.sha256()));
    assertEquals(meta, MetaParameterBundle.load(old, config, BundleOrigin.NETWORK, true).parameters());
    String oldRefusal = refusal(old, lead20);
    assertTrue(
        oldRefusal.contains("target_encoding.lead_steps: bundle 0, configuration 20"), oldRefusal);
  }

  /** The message with which a local bundle file is refused under a configuration. */
  private static String refusal(Path file, EngramConfig config) {
    return assertThrows(
            InvalidBundleException.class,
            () -> MetaParameterBundle.load(file, config, BundleOrigin.LOCAL_FILE, true))
        .getMessage();
  }

  @Test
  void acceptsAManifestlessFileLocallyButNotFromTheNetwork() throws Exception {
    EngramConfig config = small();
    MetaParameters meta = random(BundleLayout.of(config.network()), 8);
    Path file = dir.resolve("plain.npz");
    MetaParameterBundle.write(file, meta);
    LoadedBundle local = MetaParameterBundle.load(file, config, BundleOrigin.LOCAL_FILE, true);
    assertFalse(local.manifest().isPresent());
    assertEquals(meta, local.parameters());
    InvalidBundleException e =
        assertThrows(
            InvalidBundleException.class,
            () -> MetaParameterBundle.load(file, config, BundleOrigin.NETWORK, true));
    assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());
  }

  @Test
  void refusesAnotherFormatVersionAndMalformedJson() throws Exception {
    byte[] v2 =
        new String(
                BundleManifest.describing(small(), Map.of()).toJson(), StandardCharsets.UTF_8)
            .replace("\"format_version\" : 1", "\"format_version\" : 2")
            .getBytes(StandardCharsets.UTF_8);
    InvalidBundleException e =
        assertThrows(InvalidBundleException.class, () -> BundleManifest.parse(v2, "x"));
    assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    assertThrows(
        InvalidBundleException.class,
        () -> BundleManifest.parse("{\"format_version\": 1".getBytes(StandardCharsets.UTF_8), "x"));
    assertArrayEquals(
        BundleManifest.describing(small(), Map.of()).toJson(),
        BundleManifest.parse(BundleManifest.describing(small(), Map.of()).toJson(), "x").toJson());
  }
}
