package io.engram.cli;

import static io.engram.cli.ConfigCommandTest.engram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.BundleManifest;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.EngramConfig;
import io.engram.npy.NpyArray;
import io.engram.npy.NpzArchive;
import io.engram.npy.NpzWriter;
import io.engram.snn.NetworkShape;
import io.engram.synapse.WeightMatrix;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCommandTest {

  @TempDir Path dir;

  private static WeightMatrix m(Random rng, NetworkShape s, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 * rng.nextGaussian();
    }
    return WeightMatrix.of(rows, cols, v);
  }

  /** A bundle of the reference sizes with a manifest for the built-in configuration. */
  private Path bundle() throws Exception {
    BundleLayout l = BundleLayout.reference();
    Random rng = new Random(1);
    NetworkShape t = l.trainee();
    NetworkShape g = l.lsg();
    MetaParameters meta =
        new MetaParameters(
            m(rng, t, t.inputs(), t.neurons()),
            m(rng, t, t.neurons(), t.neurons()),
            m(rng, t, t.neurons(), t.readouts()),
            m(rng, g, g.inputs(), g.neurons()),
            m(rng, g, g.neurons(), g.neurons()),
            m(rng, g, g.neurons(), g.readouts()));
    Path file = dir.resolve("b.npz");
    MetaParameterBundle.write(
        file, meta, BundleManifest.describing(EngramConfig.defaults(), Map.of("iterations", 1)));
    return file;
  }

  @Test
  void verifiesAGenuineBundleAndInspectsIt() throws Exception {
    Path file = bundle();
    ConfigCommandTest.Run run = engram("bundle", "verify", "--network", file.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("6 checksums verified"), run.out());
    run = engram("bundle", "inspect", file.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("\"format_version\" : 1"), run.out());
    assertTrue(run.out().matches("(?s).*W_rec_lsg +<f4 +\\(800, 800\\).* ok\n.*"), run.out());
  }

  @Test
  void refusesATamperedBundle() throws Exception {
    Path file = bundle();
    NpzArchive npz = NpzArchive.read(file);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    for (String k : npz.keys()) {
      arrays.put(k, npz.array(k));
    }
    double[] w = arrays.get("W_out_lsg").toDoubles();
    w[0] = -w[0];
    arrays.put("W_out_lsg", NpyArray.ofFloat32(new int[] {800, 250}, w));
    Path tampered = dir.resolve("t.npz");
    try (OutputStream out = Files.newOutputStream(tampered)) {
      NpzWriter.write(out, arrays, Map.of("manifest.json", npz.otherMember("manifest.json")), true);
    }
    ConfigCommandTest.Run run = engram("bundle", "verify", tampered.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("checksum of W_out_lsg.npy fails"), run.err());
    run = engram("bundle", "inspect", tampered.toString());
    assertEquals(0, run.status());
    assertTrue(run.out().matches("(?s).*W_out_lsg .* MISMATCH\n.*"), run.out());
  }

  @Test
  void aManifestlessBundlePassesLocallyOnly() throws Exception {
    Path file = bundle();
    MetaParameters meta = MetaParameterBundle.read(file, BundleLayout.reference(), true);
    Path plain = dir.resolve("plain.npz");
    MetaParameterBundle.write(plain, meta);
    ConfigCommandTest.Run run = engram("bundle", "verify", plain.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("no manifest"), run.out());
    run = engram("bundle", "verify", "--network", plain.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("must carry a manifest"), run.err());
  }
}
